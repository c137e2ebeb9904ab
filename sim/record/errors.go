package record

import (
	"errors"
	"fmt"
)

// Sentinel errors; test for them with errors.Is.
var (
	// ErrEmpty means the input holds no bytes at all.
	ErrEmpty = errors.New("record: empty file")
	// ErrNotRecording means the input does not start with the recording magic.
	ErrNotRecording = errors.New("record: not a tickforge recording")
	// ErrUnsupportedVersion means the recording's format version is not one
	// this build reads.
	ErrUnsupportedVersion = errors.New("record: unsupported format version")
	// ErrCorrupt means a checksum, length or structure check failed.
	ErrCorrupt = errors.New("record: corrupt recording")
	// ErrTruncated means the recording ends inside a chunk or without its end
	// marker (the recorder crashed or is still writing); every complete chunk
	// before it was read.
	ErrTruncated = errors.New("record: truncated recording")
	// ErrStarted is returned by Attach when the world has already ticked:
	// a recording must start from the first tick to be replayable.
	ErrStarted = errors.New("record: the pipeline has already ticked")
	// ErrFellBehind means the writer could not keep up and the recorder
	// stopped recording; the file holds a valid prefix.
	ErrFellBehind = errors.New("record: writer fell behind, recording stopped")
	// ErrClosed is returned when a closed Recorder is closed again, and by
	// Replayer.Step after Replayer.Close.
	ErrClosed = errors.New("record: closed")
	// ErrDiverged means a replayed tick's state hash differs from the recorded one.
	ErrDiverged = errors.New("record: replay diverged")
)

// FormatError locates a problem in a recording: the byte offset of the
// chunk (or header) where it was found and the last tick read before it.
// It wraps ErrCorrupt, ErrTruncated or ErrUnsupportedVersion.
type FormatError struct {
	// Offset is the byte offset of the chunk or header that failed.
	Offset int64
	// LastTick is the last tick read completely before the failure (0 if none).
	LastTick uint64
	// Reason says what failed.
	Reason string
	// Err is the sentinel error.
	Err error
}

// Error describes the failure with its offset.
func (e *FormatError) Error() string {
	return fmt.Sprintf("%v at byte offset %d (after tick %d): %s", e.Err, e.Offset, e.LastTick, e.Reason)
}

// Unwrap returns the sentinel error.
func (e *FormatError) Unwrap() error { return e.Err }
