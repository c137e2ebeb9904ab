// Package interpolate is the tick's third system: it moves every entity
// toward its newest accepted target, lerping position and slerping rotation
// over the configured interpolation time, then extrapolates by velocity for
// a short, bounded time when no fresh input arrives, then holds.
package interpolate
