# chanjiao — build, run and test. `make run` and `make test` work on a fresh
# Debian machine with Go: they install what is missing first.
SHARED  ?= ../shared
GO      ?= go
DATA     = assets/data
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS  = -X chanjiao/store.Version=$(VERSION)

.PHONY: run test deps data build cli vet bench fuzz clean

## run: build and start the desktop program, with a demo database when there is none
run: build
	./bin/chanjiao-cli demo --if-new
	./bin/chanjiao

## test: vet and the whole test suite
test: deps data
	$(GO) vet ./...
	$(GO) test -count=1 ./...

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
