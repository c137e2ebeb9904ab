// Package simd holds tickforge's batch kernels: packet-header validation,
// movement checks, quaternion turns and the AOI grid's neighbourhood scans
// over structure-of-arrays columns, in AVX2 assembly with pure-Go twins
// chosen once at start.
//
// Every kernel has a Go reference (the *_generic.go files) that defines its
// result exactly; the assembly must agree with it bit for bit, and it also
// finishes whatever the assembly leaves (a tail that does not fill a whole
// vector step, a batch with out-of-range input, where it panics, or a step
// the assembly cannot finish bit for bit, such as a turn with a NaN). The
// assembly is used when the CPU and OS support AVX2 (checked once with
// klauspost/cpuid/v2), the build is for amd64 without the purego tag, and the
// environment variable TICKFORGE_SIMD is not "off" (see EnvVar). SetEnabled changes the
// choice at run time, for tests and command-line flags.
//
// Verdicts are bit masks: bit i of word i/64 belongs to entry i. MaskWords
// says how many words a batch of n entries needs. Kernels that select
// entries also left-pack them into an output slice. The package imports
// nothing else of tickforge; callers pass plain slices.
package simd
