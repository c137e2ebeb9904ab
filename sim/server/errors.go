package server

import "errors"

// Sentinel errors callers test with errors.Is.
var (
	// ErrInvalidConfig is wrapped by every error Config.Validate returns.
	ErrInvalidConfig = errors.New("server: invalid config")
	// ErrReservedType: a game tried to register a message type below
	// wire.FirstApplicationType.
	ErrReservedType = errors.New("server: message type reserved for the engine")
	// ErrDuplicate: a message type or command name is already registered.
	ErrDuplicate = errors.New("server: already registered")
	// ErrRunning: a registration after Run started.
	ErrRunning = errors.New("server: already running")
)
