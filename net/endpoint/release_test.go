package endpoint

import (
	"testing"
)

// TestClosedIDReuse: by default a closed connection's id goes to the next
// connection; with HoldClosedIDs it does not until ReleaseID, and releasing
// an id that is not held (open, unknown, released twice) changes nothing.
func TestClosedIDReuse(t *testing.T) {
	for _, tc := range []struct {
		name    string
		hold    bool
		release []ConnID // released between the close and the next dial
		wantNew ConnID   // the id the next connection gets
	}{
		{"reused at once", false, nil, 1},
		{"held", true, nil, 3},
		{"held, open and unknown ids released", true, []ConnID{0, 2, 99}, 3},
		{"released", true, []ConnID{1}, 1},
		{"released twice", true, []ConnID{1, 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startServer(t, ServerConfig{HoldClosedIDs: tc.hold}, false)
			first, _ := dial(t, s, ClientConfig{}, 1)
			if id := s.rec.next(t, "connect").id; id != 1 {
				t.Fatalf("first connection got id %d", id)
			}
			dial(t, s, ClientConfig{}, 2)
			if id := s.rec.next(t, "connect").id; id != 2 {
				t.Fatalf("second connection got id %d", id)
			}
			if err := first.Close(); err != nil {
				t.Fatal(err)
			}
			if id := s.rec.next(t, "disconnect").id; id != 1 {
				t.Fatalf("disconnect of id %d", id)
			}
			for _, id := range tc.release {
				s.ReleaseID(id)
			}
			dial(t, s, ClientConfig{}, 3)
			if id := s.rec.next(t, "connect").id; id != tc.wantNew {
				t.Fatalf("next connection got id %d, want %d", id, tc.wantNew)
			}
			if tc.name == "released twice" { // the second release must not free it again
				dial(t, s, ClientConfig{}, 4)
				if id := s.rec.next(t, "connect").id; id != 3 {
					t.Fatalf("connection after that got id %d, want 3", id)
				}
			}
		})
	}
}
