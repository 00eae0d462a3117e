/*
 * GlossaryPeer.java - reads a glossary file with OmegaT 3.6's own glossary
 * readers, so tests/integration/glossary_peers.sh can check that OmegaT
 * loads termin's exports with every entry.
 *
 *   java -cp DIR:/usr/share/omegat/OmegaT.jar GlossaryPeer tsv|tbx FILE PROJECTDIR
 *
 * GlossaryReaderTBX takes the source and target languages from the open
 * project (Core.getProject().getProjectProperties()); a proxy IProject
 * gives it an en -> ru project. Prints one line per GlossaryEntry: source
 * term, tab, target term, tab, comment (line breaks as spaces).
 */
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class GlossaryPeer {
	public static void main(String[] args) throws Exception {
		if (args.length != 3) {
			System.err.println("usage: GlossaryPeer tsv|tbx FILE PROJECTDIR");
			System.exit(2);
		}
		ProjectProperties props = new ProjectProperties(new File(args[2]));
		props.setSourceLanguage("en");
		props.setTargetLanguage("ru");
		Core.setProject((IProject) Proxy.newProxyInstance(IProject.class.getClassLoader(),
		        new Class<?>[] { IProject.class },
		        (p, m, a) -> m.getName().equals("getProjectProperties") ? props : null));
		File f = new File(args[1]);
		List<GlossaryEntry> entries = args[0].equals("tsv") ? GlossaryReaderTSV.read(f, false)
		                                                    : GlossaryReaderTBX.read(f, false);
		if (entries == null) {
			System.err.println("GlossaryPeer: OmegaT did not read " + f + " (file name?)");
			System.exit(1);
		}
		PrintStream out = new PrintStream(System.out, false, "UTF-8");
		for (GlossaryEntry e : entries)
			out.println(e.getSrcText() + "\t" + e.getLocText() + "\t"
			            + e.getCommentText().replace('\n', ' '));
		out.flush();
	}
}
