# finguard: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE := build/release
# ccache keyed on paths relative to the checkout, so a fresh clone (CI) reuses earlier compiles.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
# Precompiled headers (cmake/pch.cmake) are cacheable only with these (ccache's manual, "Precompiled headers").
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
ASAN := build/asan

.PHONY: deps deps-test build build-run build-asan run test test-unit-asan format tidy clean bench

deps:
	@bash scripts/install-deps.sh run

# What the tests need on top: a browser, clang's fuzzer runtime.
deps-test:
	@bash scripts/install-deps.sh test

# The release binary, also reachable as ./build/finguard, and the dashboard in web/dist.
build: deps
	@cmake --preset release >/dev/null
	@cmake --build $(RELEASE) -j $(JOBS)
	@ln -sfn release/finguard build/finguard
	@bash scripts/build-web.sh

# Unit tests only, under AddressSanitizer and UndefinedBehaviorSanitizer.
build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build $(ASAN) -j $(JOBS) --target fg_unit_tests

# What `make run` needs and nothing more: the server, the demo data generator and the dashboard. The
# test programs (most of the targets) are built by `make test` (issue 21: `make run` compiled all of them).
build-run: deps
	@cmake --preset release >/dev/null
	@cmake --build $(RELEASE) -j $(JOBS) --target finguard focus_gen
	@ln -sfn release/finguard build/finguard
	@bash scripts/build-web.sh

run: build-run
	@bash scripts/run-demo.sh

test: deps-test build build-asan
	@bash scripts/with-postgres.sh bash scripts/run-tests.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# clang-tidy cannot read GCC's precompiled headers: it uses a compile database configured without them
# (and the Thrift code the Parquet sources include, generated at build time).
tidy:
	@cmake -S . -B build/tidy -G Ninja -DFG_PCH=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
	@cmake --build build/tidy --target fg_parquet_thrift >/dev/null
	@git ls-files 'src/*.cpp' | xargs clang-tidy -p build/tidy --quiet

bench: deps
	@bash bench/run.sh

clean:
	@rm -rf build
