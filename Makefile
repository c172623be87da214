# newsweave — see README.md.
GO      ?= go
BIN     := bin/newsweave
DEMO_DB ?= demo.db
# Debian packages that provide dictionaries and gazetteers (see README).
DEB_DATA := wngerman trans-de-en openthesaurus-de-text iso-codes libgeonames-common

.PHONY: all build demo test eval bench fuzz deps vet fmt clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/newsweave

# deps installs the Debian data packages when they are missing (needs root);
# newsweave runs without them but with weaker entity and dictionary evidence.
deps:
	@missing=""; for p in $(DEB_DATA); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "note: missing Debian packages:$$missing (sudo apt-get install$$missing)"; fi; \
	fi

# demo: the main job on the embedded synthetic demo corpus.
demo: deps build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN) demo --db $(DEMO_DB)

test: deps
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || (echo "gofmt needed:"; gofmt -l .; exit 1)
	$(GO) test -count=1 -timeout 20m ./...

# eval: long quality evaluations on ../shared data, held-out figures (as quoted in README).
eval: build
	$(BIN) eval extract --data ../shared/data/extraction/trafilatura --baseline
	$(BIN) eval ner --cv 5 --cross
	$(BIN) eval timex --data ../shared/data/timex/wikiwarsde --split tune
	$(BIN) eval timex --data ../shared/data/timex/wikiwarsde --split test
	$(BIN) eval semeval --pairs ../shared/data/semeval2022/de-original.csv --cv 5
	$(BIN) eval cluster --in ../shared/data/clustering/ecbplus/docs.jsonl --heldout topic --baseline
	$(BIN) eval cluster --in ../shared/data/clustering/ecbplus/docs.jsonl --story-field topic
	$(BIN) train cluster --dry-run

bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(BIN) bench extract
	$(BIN) bench weave --articles 2000

# fuzz: a few minutes per fuzz target (FUZZTIME=3m make fuzz).
FUZZTIME ?= 1m
fuzz:
	@$(GO) test -list '^Fuzz' ./... | awk '/^Fuzz/{f=f" "$$1} /^ok/{if(f!=""){print $$2 f}; f=""}' | \
	while read -r pkg targets; do for f in $$targets; do \
	  echo "== $$pkg $$f ($(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	done; done

vet:
	$(GO) vet ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
