/*
 * SrxPeer.java - segments text with OmegaT's own segmentation classes, so
 * tests/integration/srx_omegat.sh can compare termin's SRX engine with the
 * real peer.
 *
 *   java -cp DIR:/usr/share/omegat/OmegaT.jar SrxPeer LANG < text
 *   java -cp DIR:/usr/share/omegat/OmegaT.jar SrxPeer LANG IN OUT [LANG IN OUT]...
 *
 * OmegaT 3.6 reads an SRX 2.0 file only as its built-in default rules
 * (SRX.getDefault() unmarshals org/omegat/core/segmentation/defaultRules.srx
 * with its JAXB classes and builds MapRule/Rule objects from it). The test
 * script puts the SRX file under test at that resource path in DIR, ahead of
 * the jar on the class path, so OmegaT's own loader reads it unchanged.
 *
 * Every input line is one paragraph. For each line holding more than white
 * space, one output line: its line number, a tab, and its segments (as
 * Segmenter.segment returns them, trimmed; empty ones dropped) joined by
 * U+001F. In batch mode, the time each file took goes to standard error.
 */
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.omegat.core.segmentation.Rule;
import org.omegat.core.segmentation.SRX;
import org.omegat.core.segmentation.Segmenter;
import org.omegat.util.Language;

public class SrxPeer {
	public static void main(String[] args) throws Exception {
		if (args.length == 0 || (args.length != 1 && args.length % 3 != 0)) {
			System.err.println("usage: SrxPeer LANG < text | SrxPeer LANG IN OUT [LANG IN OUT]...");
			System.exit(2);
		}
		if (SrxPeer.class.getClassLoader().getResource("org/omegat/core/segmentation/defaultRules.srx")
		        .toString().contains("OmegaT.jar")) {
			System.err.println("SrxPeer: the SRX file under test is not ahead of OmegaT.jar on the class path");
			System.exit(2);
		}
		Segmenter seg = new Segmenter();
		seg.setSRX(SRX.getDefault());
		if (args.length == 1) {
			segment(seg, args[0], System.in, System.out);
			return;
		}
		for (int i = 0; i < args.length; i += 3)
			try (InputStream in = new FileInputStream(args[i + 1]);
			     OutputStream out = new FileOutputStream(args[i + 2])) {
				long t0 = System.nanoTime();
				segment(seg, args[i], in, out);
				/* for bench/srx_speed.sh: the segmenting time, without JVM start-up */
				System.err.printf("SrxPeer: %s: %.3f s%n", args[i + 1], (System.nanoTime() - t0) / 1e9);
			}
	}

	static void segment(Segmenter seg, String code, InputStream is, OutputStream os) throws Exception {
		Language lang = new Language(code);
		BufferedReader in = new BufferedReader(new InputStreamReader(is, StandardCharsets.UTF_8));
		PrintWriter out = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
		String line;
		long lineno = 0;
		List<StringBuilder> spaces = new ArrayList<>();
		List<Rule> brules = new ArrayList<>();
		while ((line = in.readLine()) != null) {
			lineno++;
			if (line.trim().isEmpty())
				continue;
			List<String> segs = seg.segment(lang, line, spaces, brules);
			StringBuilder sb = new StringBuilder();
			sb.append(lineno).append('\t');
			int n = 0;
			for (String s : segs) {
				if (s.isEmpty())
					continue;
				if (n++ > 0)
					sb.append('\u001f');
				sb.append(s);
			}
			out.println(sb);
		}
		out.flush();
	}
}
