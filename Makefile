# Developer commands; see README.md. Everything runs through tools/mmdev, which builds
# what is missing (Odoo source, virtual environment, database server) on first use.
PYTHON ?= python3
MMDEV = PYTHONPATH=tools $(PYTHON) -m mmdev

.PHONY: demo demo-reset test test-fast odoo-tests wheel wheel-check upgrade-test suites lint pytest \
	pot shell report-images bench load scale-out pictograms

demo:  ## serve Odoo with the addon and its demo data on http://127.0.0.1:8069
	$(MMDEV) demo

demo-reset:  ## drop the demo database and serve a fresh one (new demo records)
	$(MMDEV) demo --reset

test: lint suites  ## see README: What `make` does

suites:  ## make wheel-check and make upgrade-test, side by side
	$(MMDEV) suites

test-fast: lint odoo-tests  ## the loop between commits: lint and the suite once

odoo-tests:
	$(MMDEV) test

wheel:  ## build the addon's wheel (OCA style, whool) into the cache's dist/
	$(MMDEV) wheel

wheel-check:  ## install the wheel apart from the repository, beside other apps; the tests
	$(MMDEV) wheel-check

upgrade-test:  ## install the last release, upgrade it to this code, compare every record
	$(MMDEV) upgrade-test

lint:
	$(MMDEV) lint

pytest:  ## quick loop against the demo database: make pytest ARGS="-k score"
	$(MMDEV) pytest $(ARGS)

pot:  ## re-export i18n/mobility_mentoring.pot and merge it into nl.po
	$(MMDEV) pot

shell:
	$(MMDEV) shell

pictograms:  ## draw the Bridge's pictograms again from Twemoji (npm @twemoji/svg)
	python3 tools/build_pictograms.py

report-images:  ## page images of the reports for the README (while make demo serves)
	$(MMDEV) report-images

bench:  ## measure at municipal scale (50,000 residents): make bench ARGS="--residents 1000"
	$(MMDEV) bench $(ARGS)

load:  ## many users at once on the benchmark database: make load ARGS="--users 50 --seconds 180"
	$(MMDEV) load $(ARGS)

scale-out:  ## make load through HAProxy on two servers and a replica, with failure drills
	$(MMDEV) scale-out $(ARGS)
