package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// cpuProfile writes a CPU profile of the measured ticks of `tickforge
// bench --cpuprofile`: the file is created up front, so a bad path fails
// before any tick runs, and profiling starts only when the warm-up is over.
type cpuProfile struct {
	f       *os.File
	running bool
}

// createCPUProfile creates the profile's file; an empty path gives a
// profile that does nothing.
func createCPUProfile(path string) (*cpuProfile, error) {
	if path == "" {
		return &cpuProfile{}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return &cpuProfile{f: f}, nil
}

// start begins profiling.
func (p *cpuProfile) start() error {
	if p.f == nil || p.running {
		return nil
	}
	if err := pprof.StartCPUProfile(p.f); err != nil {
		return fmt.Errorf("cpu profile %s: %w", p.f.Name(), err)
	}
	p.running = true
	return nil
}

// finish stops profiling and closes the file. It is safe to call more
// than once; only the first call's error is reported.
func (p *cpuProfile) finish() error {
	if p.f == nil {
		return nil
	}
	if p.running {
		pprof.StopCPUProfile()
		p.running = false
	}
	err := p.f.Close()
	p.f = nil
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	return nil
}
