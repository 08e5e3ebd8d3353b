#!/bin/sh
# Seeds the fuzz targets' corpora with every situation file the tests use,
# good and bad, and the built-in one. Corpora are not committed
# (fuzz/.gitignore); run this once before `cargo fuzz run load` or
# `cargo fuzz run render`.
set -eu
cd "$(dirname "$0")/.."
for target in load render; do
    mkdir -p "fuzz/corpus/$target"
    for f in tests/fixtures/*.toml tests/fixtures/*/*.toml data/*.toml; do
        # Flatten the path into the name so good/x and bad/x both stay.
        cp "$f" "fuzz/corpus/$target/$(echo "$f" | tr / _)"
    done
    echo "fuzz/corpus/$target: $(ls "fuzz/corpus/$target" | wc -l) files"
done
