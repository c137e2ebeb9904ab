package endpoint

// ReleaseID hands back the id of a closed connection held under
// ServerConfig.HoldClosedIDs, so a later connection may get it. Call it once
// nothing of the old connection is left in the Handler's queues. It is safe
// from any goroutine and never blocks on the network goroutine; ids that are
// not held (open, unknown, already released) are ignored. Without
// HoldClosedIDs it does nothing.
func (s *Server) ReleaseID(id ConnID) {
	if !s.cfg.HoldClosedIDs {
		return
	}
	s.releaseMu.Lock()
	s.released = append(s.released, id)
	s.nReleased.Store(int32(len(s.released)))
	s.releaseMu.Unlock()
	select {
	case s.out.wake <- struct{}{}:
	default:
	}
}

// drainReleased makes the ids ReleaseID handed back reusable. It runs on the
// network goroutine; when nothing was released it costs one atomic load.
func (s *Server) drainReleased() {
	if s.nReleased.Load() == 0 {
		return
	}
	s.releaseMu.Lock()
	for _, id := range s.released {
		if id == 0 || int(id) >= len(s.slots) {
			continue
		}
		if sl := &s.slots[id]; sl.awaitRelease && sl.conn == nil {
			sl.awaitRelease = false
			s.freeIDs = append(s.freeIDs, id)
		}
	}
	s.released = s.released[:0]
	s.nReleased.Store(0)
	s.releaseMu.Unlock()
}
