# Anonymizer engine (anonymize/, anonymize/mask, anonymize/fill,
# anonymize/command): fill-quality and leakage evaluation, speed benchmark.
# Needs `make setup` (scripts/setup-anonymizer.sh installs the models, the
# opencv-doc sample media and the vtest.avi frames).

ANONYMIZER_SAMPLES ?= /usr/share/doc/opencv-doc/examples/data
ANONYMIZER_FRAMES ?= $(BUILD_DIR)/eval/anonymizer/vtest
ANONYMIZER_MODELS ?=

EVAL_TARGETS += eval-anonymizer-fill
BENCH_TARGETS += bench-anonymizer

.PHONY: eval-anonymizer eval-anonymizer-fill bench-anonymizer check-anonymizer-fma

# Everything: detector recall (mk/anonymize-detect.mk), fill quality and
# leakage.
eval-anonymizer: eval-anonymizer-recall eval-anonymizer-fill

# PSNR/SSIM of Telea vs PatchMatch inside the mask, leakage and
# verification over the evaluation images, before/after PNGs in
# build/anonymizer-fill.
eval-anonymizer-fill: check-anonymizer-fma
	$(GO) run ./anonymize/eval/fillquality -data $(ANONYMIZER_SAMPLES) -frames $(ANONYMIZER_FRAMES) \
		-models "$(ANONYMIZER_MODELS)" -out bench/results/anonymizer-fill.md -pngs $(BUILD_DIR)/anonymizer-fill

# Images per second per core at 1920x1080, time per stage.
bench-anonymizer:
	GOMAXPROCS=1 $(GO) run ./anonymize/eval/speed -data $(ANONYMIZER_SAMPLES) -frames $(ANONYMIZER_FRAMES) \
		-models "$(ANONYMIZER_MODELS)" -out bench/results/anonymizer.md

# Byte-identical output across machines needs every float product rounded
# before it is added: no fused multiply-add may appear in the deterministic
# packages. amd64 (GOAMD64=v1) never fuses; arm64 does unless prevented, so
# compile them for arm64 and look for FMA instructions.
check-anonymizer-fma:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for p in mask fill; do \
		GOARCH=arm64 $(GO) test -c -o "$$tmp/$$p.test" ./anonymize/$$p || exit 1; \
		if $(GO) tool objdump -s 'msec/anonymize/(mask|fill)\.' "$$tmp/$$p.test" | grep -E '\b(FMADD|FMSUB|FNMADD|FNMSUB)[SD]\b'; then \
			echo "check-anonymizer-fma: fused multiply-add in anonymize/$$p (arm64)" >&2; exit 1; \
		fi; \
	done; echo "check-anonymizer-fma: no fused multiply-add in anonymize/mask, anonymize/fill (arm64)"
