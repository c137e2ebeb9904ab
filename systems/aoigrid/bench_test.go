package aoigrid

import "testing"

// BenchmarkUpdate measures one AOI tick at the densities of the bench
// scenarios (arena, city, mmo), every player moving each tick; in
// city-10k-churn one player also leaves and another joins every tick. The
// move itself is excluded from the timing.
func BenchmarkUpdate(b *testing.B) {
	for _, sc := range []struct {
		name  string
		n     int
		side  float32
		churn bool
	}{
		{"arena-1k", 1_000, 1_000, false},
		{"city-10k", 10_000, 2_000, false},
		{"city-10k-churn", 10_000, 2_000, true},
		{"mmo-100k", 100_000, 10_000, false},
	} {
		b.Run(sc.name, func(b *testing.B) {
			mw := newMovingWorld(b, sc.n, sc.side, 1)
			s := New(sc.n)
			for i := 0; i < 5; i++ {
				mw.move()
				s.Update(mw.w)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				mw.move()
				if sc.churn {
					mw.replaceOne()
				}
				b.StartTimer()
				s.Update(mw.w)
			}
			b.StopTimer()
			st := s.Stats()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sc.n), "ns/entity")
			b.ReportMetric(float64(st.Visible)/float64(st.Observers), "visible/observer")
		})
	}
}
