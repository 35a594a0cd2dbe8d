# Ward news site. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := $(PY) -m wardtools
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# One shell word whatever a name holds (spaces, diacritics, parentheses,
# apostrophes, $): $(call q,$(value SRC)). The tools get the name as typed.
q = '$(subst ','\'',$(1))'
# --content for the officer commands, when CONTENT= is given.
content_option = $(if $(CONTENT),--content $(call q,$(value CONTENT)))

.DEFAULT_GOAL := help
# The tools print their own Vietnamese summaries; make need not echo commands.
MAKEFLAGS += --no-print-directory
.PHONY: help html serve publish test lint format clean bootstrap bootstrap-dev ci-local dist bench bench-province clean-cache comment linkcheck new photos check deploy import

help: ## Liệt kê các lệnh (list the targets)
	@echo "Các lệnh:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-14s %s\n", $$1, $$2}'

# The venv is (re)installed whenever a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt $(VENV)/.runtime-installed
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

bootstrap: $(VENV)/.runtime-installed ## Tạo .venv và cài thư viện (create .venv)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

bootstrap-dev: $(VENV)/.dev-installed ## Cài thêm công cụ kiểm thử (test tools)
	@scripts/system-deps.sh
	@$(MAKE) --no-print-directory node_modules/.installed
	@$(MAKE) --no-print-directory ci-local

# gitlab-ci-local and the Node.js 22 it needs, from the npm registry (pinned in
# tools/ci-local/package-lock.json), for the province pipeline test.
tools/ci-local/node_modules/.installed: tools/ci-local/package.json tools/ci-local/package-lock.json
	timeout 600 npm ci --prefix tools/ci-local --no-audit --no-fund --ignore-scripts
	@touch $@

ci-local: tools/ci-local/node_modules/.installed ## Cài gitlab-ci-local (Node 22) để chạy thử CI của tỉnh

html: bootstrap ## Xây dựng trang vào output/ (build the site)
	@$(TOOLS) build

serve: bootstrap ## Xem trước tại http://127.0.0.1:8000, soạn bài tại /quan-tri/ (preview, editor)
	@$(TOOLS) serve --host $(HOST) --port $(PORT)

publish: bootstrap ## Xây dựng bản chính thức với publishconf.py (production build)
	@$(TOOLS) publish

test: bootstrap-dev ## Chạy toàn bộ kiểm thử (run the whole test suite)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest $(PYTEST_ARGS)

lint: bootstrap-dev ## Kiểm tra mã nguồn với ruff (lint)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: bootstrap-dev ## Định dạng mã nguồn (format code)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# The engine as one wheel (ward_core, wardtools, ward_engine with the plugins,
# theme, sample settings and Decap's built files) for `pip install` in a ward's site.
dist: bootstrap ## Đóng gói bộ máy thành tệp .whl trong dist/ (build the engine wheel)
	@test -f node_modules/decap-cms/dist/decap-cms.js || $(MAKE) --no-print-directory node_modules/.installed
	rm -rf build
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 315532800) \
	  $(PY) -m pip wheel --disable-pip-version-check -q --no-deps --no-build-isolation --no-index -w dist .
	@ls dist/*.whl

clean: ## Xóa output/ và bộ nhớ đệm (remove output and caches)
	rm -rf output .output-* .cache build

bench: bootstrap ## Đo tốc độ, bộ nhớ, so với Hugo + Pagefind (benchmark, not a test; BENCH_ARGS="--only cold --runs 3")
	$(PY) -m bench.run $(BENCH_ARGS)

bench-province: bootstrap ## Đo xây dựng cả tỉnh (PROVINCE_ARGS="--wards 50 --ward-posts 300 --workers 2")
	$(PY) -m bench.run --only province $(PROVINCE_ARGS)

clean-cache: ## Xóa bộ nhớ đệm ảnh và nội dung (remove derivative caches)
	rm -rf .cache

comment: bootstrap ## Thêm bình luận đã duyệt: make comment POST=<slug> [EML=thu.eml] [CHO_DUYET=1]
	@$(TOOLS) comment $(if $(POST),$(call q,$(value POST))) $(if $(EML),--eml $(call q,$(value EML))) $(if $(CHO_DUYET),--cho-duyet) $(content_option)

linkcheck: bootstrap ## Kiểm tra liên kết ra ngoài bị hỏng (check external links)
	@$(TOOLS) linkcheck

new: bootstrap ## Tạo bài mới (hỏi tiêu đề, ngày, chuyên mục…)
	@$(TOOLS) new

photos: bootstrap ## Thêm ảnh vào bài: make photos POST=<slug> FILES="Ảnh 1.jpg" (hoặc DIR=thư-mục-ảnh)
	@$(TOOLS) photos $(call q,$(value POST)) $(if $(FILES),$(call q,$(value FILES))) $(if $(DIR),$(call q,$(value DIR))) $(content_option)

check: bootstrap ## Kiểm tra toàn bộ nội dung, không xây dựng (validate content)
	@$(TOOLS) check

deploy: publish ## Xây dựng bản chính thức rồi đăng bằng rsync (DEPLOY_TARGET=…)
	@$(TOOLS) deploy

import: bootstrap ## Nhập bài cũ: make import SRC=<tệp|thư mục> [DON_VI="Phường 7 (cũ)"] hoặc NGUON='"thư-mục=Phường 7 (cũ)" …'
	@$(TOOLS) import $(if $(SRC),$(call q,$(value SRC))) $(if $(DON_VI),--don-vi $(call q,$(value DON_VI))) $(if $(NGUON),--nguon $(NGUON)) $(if $(FORCE),--force) $(content_option)
