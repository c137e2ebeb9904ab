package simd

// SnapDot is the |a·b| of two unit quaternions above which RotateQuat
// treats them as one orientation and returns the target: an angle under
// about 0.5°, far below what a player can see, so a turn that has all but
// finished stops costing work.
const SnapDot = 1 - 1e-5

// NlerpDot is the |a·b| above which RotateQuat uses normalised lerp instead
// of slerp; mgl32.QuatSlerp uses the same threshold (an angle under ~3.6°).
const NlerpDot = 0.9995
