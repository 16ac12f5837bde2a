# chanjiao — build, run and test. `make run` and `make test` work on a fresh
# Debian machine with Go: they install what is missing first.
SHARED  ?= ../shared
GO      ?= go
DATA     = assets/data
# the version is read in one place, packaging/winpkg, for these binaries and the Windows release
VERSION  = $(shell $(GO) run ./packaging/winpkg version FyneApp.toml | cut -d' ' -f1)
LDFLAGS  = -X chanjiao/store.Version=$(VERSION)

.PHONY: run test deps data build cli vet lint race bench fuzz clean

## run: build and start the desktop program, with a demo database when there is none
run: build
	./bin/chanjiao-cli demo --if-new
	./bin/chanjiao

## test: vet and the whole test suite
test: deps data
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

## lint: staticcheck, pinned, installed into bin/tools on first use
STATICCHECK_VERSION = v0.8.2
lint: data
	@test -x bin/tools/staticcheck || GOBIN=$(CURDIR)/bin/tools $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	bin/tools/staticcheck ./...

## race: the store's tests under the race detector (the code without a window)
race: data
	$(GO) test -count=1 -timeout 30m -race ./store/...

deps:
	@bash .ci/deps.sh

## data: copy the reference data from ../shared/data into the embedded (git-ignored) folder
data:
	@if [ -d "$(SHARED)/data" ]; then cp -u $(SHARED)/data/*.csv $(DATA)/; \
	else echo "warning: $(SHARED)/data not found; building without reference data"; fi

build: deps data cli
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/chanjiao ./cmd/chanjiao

cli: data
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o bin/chanjiao-cli ./cmd/chanjiao-cli

bench: data
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin dist

# --- Windows (packaging/) ---
# Cross-built on Linux into dist/; see packaging/README.md. The scripts install
# the Debian packages they need (mingw-w64, nsis, wine64, ...) when missing.
.PHONY: windows windows-sign test-windows

## windows: dist/chanjiao.exe, chanjiao-cli.exe, chanjiao-setup-VERSION.exe, chanjiao-VERSION-portable.zip (signed only when SIGN_CERT/SIGN_KEY are set)
windows: data
	bash packaging/build-windows.sh

## windows-sign: as windows, signed: make windows-sign SIGN_CERT=cert.pem SIGN_KEY=key.pem [SIGN_PASS=…]
windows-sign: data
	@if [ -z "$$SIGN_CERT" ] || [ -z "$$SIGN_KEY" ]; then \
	  echo "windows-sign: set SIGN_CERT and SIGN_KEY (files or PEM text); 'make windows' builds unsigned"; exit 2; fi
	bash packaging/build-windows.sh

## test-windows: build (signed with a throw-away certificate) and test the Windows release under wine and Xvfb; report in dist/wine-test/
test-windows: data
	bash packaging/test-wine.sh

# --- robustness (issue 7) ---
# fuzz: every fuzz target for FUZZTIME each (default 60s); crashers land in
# the package's testdata/fuzz/<Target>/ and are kept as regression cases.
# crash: the kill test with CRASH_KILLS kills (the normal test run does 200).
FUZZTIME    ?= 60s
CRASH_KILLS ?= 2000

fuzz: data
	FUZZTIME=$(FUZZTIME) FUZZMINIMIZETIME=5s GO=$(GO) bash .ci/fuzz-short.sh

crash: data
	$(GO) test -count=1 -timeout 2h -run '^TestCrash$$' -v ./store/crashtest -crash.kills=$(CRASH_KILLS)

.PHONY: crash

# --- Linux: 统信UOS, 麒麟 (packaging/linux/) ---
# amd64 and arm64 (the window program linked by zig against glibc 2.28, for
# 统信UOS 20 and 麒麟 V10), the CLI also for loong64; .deb packages and portable
# .tar.gz into dist/. The scripts install the Debian packages (and zig) they need when missing.
.PHONY: linux test-linux

## linux: dist/linux/{amd64,arm64,loong64}/, chanjiao_VERSION_{amd64,arm64}.deb, chanjiao-VERSION-linux-{amd64,arm64}-portable.tar.gz
linux: data
	bash packaging/linux/build.sh

## test-linux: build, glibc symbol versions, then the .deb installed and started under Xvfb (also in a glibc 2.31 root), the arm64 CLI under qemu, lintian; report in dist/linux-test/
test-linux: data
	bash packaging/test-linux.sh
