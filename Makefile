# termin - translation memory and terminology for English and Russian.
#
#   make            build build/termin (installs missing Debian packages first)
#   make check      build and run every test, also under ASan+UBSan
#   make demo       run termin on examples/
#   make bench      speed and memory figures against peer tools
#   make install PREFIX=/usr/local
#   make clean

PREFIX    ?= /usr/local
BUILD     ?= build
CC        ?= cc
SHARED    ?= $(abspath ../shared)
PKGS      := libxml-2.0 sqlite3 hunspell icu-uc icu-i18n

OPT       ?= -O2 -g
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# pkg-config runs lazily (recursive variables), after deps are installed
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lstemmer -lm
DATADIR   := $(PREFIX)/share/termin
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(SAN) -Isrc $(PKG_CFLAGS) \
             -DTERMIN_DATADIR='"$(DATADIR)"' -DTERMIN_SRCDIR='"$(CURDIR)"' $(CFLAGS)

LIB_SRC   := $(sort $(wildcard src/lib/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/unit/*.c))
LIB_OBJ    = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ    = $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_OBJ   = $(TEST_SRC:tests/%.c=$(BUILD)/obj/tests/%.o)

.PHONY: all deps deps-test check check-fast check-asan demo bench install uninstall clean \
        glossary leakcheck fuzz fuzz-build

all: $(BUILD)/termin

# Missing Debian packages are installed on first use (apt-get, or sudo).
deps:
	@sh .ci/deps.sh build
deps-test:
	@sh .ci/deps.sh test

$(BUILD)/obj/%.o: src/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

$(BUILD)/libtermin.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/termin: $(CLI_OBJ) $(BUILD)/libtermin.a
	$(CC) $(OPT) $(SAN) -o $@ $(CLI_OBJ) $(BUILD)/libtermin.a $(PKG_LIBS) $(LDFLAGS)

# The unit-test runner: every `void test_<module>__<case>(void)` in
# tests/unit/*.c is found by name and listed in a generated table.
$(BUILD)/tests/cases.inc: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@{ sed -n 's/^void \(test_[a-z0-9_]*__[a-z0-9_]*\)(void)$$/void \1(void);/p' $(TEST_SRC); \
	   echo '#define TEST_CASES \'; \
	   sed -n 's/^void \(test_[a-z0-9_]*__[a-z0-9_]*\)(void)$$/	{ "\1", \1 }, \\/p' $(TEST_SRC); \
	   echo; } > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tests/unit/runner.o: $(BUILD)/tests/cases.inc
$(BUILD)/obj/tests/unit/runner.o: ALL_CFLAGS += -I$(BUILD)/tests

$(BUILD)/test_unit: $(TEST_OBJ) $(BUILD)/libtermin.a
	$(CC) $(OPT) $(SAN) -o $@ $(TEST_OBJ) $(BUILD)/libtermin.a $(PKG_LIBS) $(LDFLAGS)

# ---- tests ----
# check: the whole suite on the normal build, then under ASan+UBSan.
check: deps-test
	@$(MAKE) --no-print-directory all $(BUILD)/test_unit
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  build/asan/termin build/asan/test_unit
	@if command -v clang >/dev/null 2>&1; then $(MAKE) --no-print-directory fuzz-build; fi
	@SHARED="$(SHARED)" TERMIN_FUZZ=build/fuzz sh tests/run.sh build build/asan

check-fast: all $(BUILD)/test_unit
	@SHARED="$(SHARED)" sh tests/run.sh $(BUILD)

check-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  build/asan/termin build/asan/test_unit
	@SHARED="$(SHARED)" sh tests/run.sh build/asan

leakcheck: deps-test all $(BUILD)/test_unit
	@SHARED="$(SHARED)" TERMIN_VALGRIND=1 sh tests/run.sh $(BUILD)

# ---- fuzzing ----
# Every tests/fuzz/fuzz_NAME.c is a libFuzzer harness, built with clang
# against a copy of the library instrumented for coverage and ASan+UBSan
# (build/fuzz). `make fuzz` runs each for FUZZ_SECONDS from a seed corpus
# (tests/fuzz/NAME.seeds); `make check` runs each briefly and replays the
# crash inputs kept in tests/fuzz/regress/NAME/. FUZZ=a,b picks harnesses.
FUZZ_SECONDS ?= 60
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SAN    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

fuzz-build: deps-test
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" build/fuzz/libtermin.a
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libtermin.a
	clang -std=c11 -D_GNU_SOURCE -O1 -g $(WARN) -Isrc $(PKG_CFLAGS) \
	  -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< build/fuzz/libtermin.a $(PKG_LIBS) $(LDFLAGS)

fuzz: fuzz-build
	@SHARED="$(SHARED)" bash tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ)

# ---- the glossary's generated exports (checked in; a test fails when stale) ----
glossary: all
	sh tests/tools/glossary_exports.sh $(BUILD)/termin glossary

# ---- demo and bench ----
demo: all
	@sh examples/demo.sh $(BUILD)/termin

bench: deps-test all
	@SHARED="$(SHARED)" sh bench/run.sh $(BUILD)

# ---- install ----
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BUILD)/termin $(DESTDIR)$(PREFIX)/bin/termin
	install -m 644 docs/termin.1 $(DESTDIR)$(PREFIX)/share/man/man1/termin.1
	@if ls glossary/* >/dev/null 2>&1; then \
	  install -d $(DESTDIR)$(DATADIR)/glossary && \
	  install -m 644 glossary/* $(DESTDIR)$(DATADIR)/glossary/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/termin $(DESTDIR)$(PREFIX)/share/man/man1/termin.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
