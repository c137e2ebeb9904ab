package record

// prefetchSlots is how many decoded ticks the decode-ahead goroutine may
// hold: one the replay is using, the rest ready or being decoded.
const prefetchSlots = 4

// prefetched is one tick decoded ahead, or the error that ended reading.
type prefetched struct {
	tick Tick
	data []byte // the App records' bytes, copied out of the reader's chunk
	err  error
}

// prefetcher reads ticks on its own goroutine, up to prefetchSlots-1
// ahead of the replay, so decompression and decoding overlap the
// simulation. Each tick is deep-copied into a slot, since the Reader
// reuses its Tick and chunk buffer.
type prefetcher struct {
	ready, free chan *prefetched
	stop, done  chan struct{}
	held        *prefetched // the slot the replay is using
	err         error       // the error that ended reading, returned again by later calls
}

func newPrefetcher(rd *Reader, until uint64) *prefetcher {
	p := &prefetcher{
		ready: make(chan *prefetched, prefetchSlots), free: make(chan *prefetched, prefetchSlots),
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	for i := 0; i < prefetchSlots; i++ {
		p.free <- &prefetched{}
	}
	go p.run(rd, until)
	return p
}

// run decodes ticks until an error (io.EOF included), Until, or stop.
func (p *prefetcher) run(rd *Reader, until uint64) {
	defer close(p.done)
	for {
		var s *prefetched
		select {
		case s = <-p.free:
		case <-p.stop:
			return
		}
		t, err := rd.Next()
		if err != nil {
			s.err = err
			p.ready <- s
			return
		}
		s.fill(t)
		p.ready <- s
		if until > 0 && t.Number >= until {
			return
		}
	}
}

// fill deep-copies t into the slot, reusing its buffers.
func (s *prefetched) fill(t *Tick) {
	d := &s.tick
	events, app, snap := d.Events, d.App, d.Snapshot
	*d = *t
	d.Events = append(events[:0], t.Events...)
	d.Snapshot = append(snap[:0], t.Snapshot...)
	s.data = s.data[:0]
	for _, a := range t.App {
		s.data = append(s.data, a.Data...)
	}
	d.App = append(app[:0], t.App...)
	off := 0
	for i := range d.App {
		n := len(d.App[i].Data)
		d.App[i].Data = s.data[off : off+n : off+n]
		off += n
	}
	s.err = nil
}

// next returns the next tick, handing the previous one's slot back to the
// decoder; its Tick is valid until the following call. Errors are sticky.
func (p *prefetcher) next() (*Tick, error) {
	if p.err != nil {
		return nil, p.err
	}
	if p.held != nil {
		p.free <- p.held
		p.held = nil
	}
	s := <-p.ready
	if s.err != nil {
		p.err = s.err
		return nil, p.err
	}
	p.held = s
	return &s.tick, nil
}

// close stops the decoder and waits for it. Sends on ready never block
// (it has room for every slot), so the decoder is at worst finishing one
// Reader.Next.
func (p *prefetcher) close() {
	close(p.stop)
	<-p.done
}
