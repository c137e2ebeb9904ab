package simd

import (
	"os"
	"strings"
	"sync/atomic"
)

// EnvVar is the environment variable that, set to "off" (or "0", "false",
// "go"; any case), makes the package start on the pure-Go path even where
// the CPU supports AVX2.
const EnvVar = "TICKFORGE_SIMD"

// accelerated is whether the kernels use assembly. It is read once per
// kernel call; an atomic keeps SetEnabled race-free against running kernels.
var accelerated atomic.Bool

func init() {
	accelerated.Store(cpuSupported && !envDisables(os.Getenv(EnvVar)))
}

// envDisables reports whether the value of EnvVar asks for the Go path.
func envDisables(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "off", "0", "false", "go":
		return true
	}
	return false
}

// Available reports whether this build and CPU can run the assembly kernels
// (amd64 without the purego tag, AVX2 with OS support for YMM state, POPCNT),
// whatever SetEnabled or TICKFORGE_SIMD chose.
func Available() bool { return cpuSupported }

// Enabled reports whether the kernels currently run the assembly path.
func Enabled() bool { return accelerated.Load() }

// SetEnabled turns the assembly path on or off and returns whether it is now
// in use: turning it on where it is not Available leaves the Go path. It is
// safe to call while kernels run on other goroutines; a call in progress
// finishes on the path it started with.
func SetEnabled(on bool) bool {
	on = on && cpuSupported
	accelerated.Store(on)
	return on
}

// Implementation names the path the kernels currently take, for logs and
// benchmark output: "avx2" or "go".
func Implementation() string {
	if accelerated.Load() {
		return "avx2"
	}
	return "go"
}
