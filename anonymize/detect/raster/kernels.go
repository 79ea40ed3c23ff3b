package raster

// The vector kernels (kernels_<arch>.go) do exactly the portable code's
// float32 operations, lane by lane in the same order, each product
// rounded before it is added (no fused multiply-add); a test compares
// their bits with the portable code's.
var (
	// greyKernel, when set, is columnTaps.greyRow's pass: out[k] for k <
	// n is the sum over taps i in order of float32(weight[i*n+k] *
	// rowf[index[i*n+k]]), starting from +0. n is a multiple of
	// greyLanes, taps at least 1.
	greyKernel func(out, rowf *float32, index *int32, weight *float32, n, taps int)
	// addScaledKernel, when set, does out[k] += float32(w * in[k]) for k
	// < n, n a multiple of greyLanes.
	addScaledKernel func(out, in *float32, w float32, n int)
	// widenKernel, when set, does out[k] = float32(in[k]) for k < n, n a
	// multiple of greyLanes.
	widenKernel func(out *float32, in *uint8, n int)
)
