package bots

import (
	"errors"
	"slices"
	"testing"
)

func TestParseMix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec string
		n    int
		want []MixEntry
		err  bool
	}{
		{"wander", 10, []MixEntry{{"wander", 10}}, false},
		{"wander,speedhack=5", 200, []MixEntry{{"wander", 195}, {"speedhack", 5}}, false},
		{"wander,circle,chatter=1", 6, []MixEntry{{"wander", 3}, {"circle", 2}, {"chatter", 1}}, false},
		{" wander , flood=0", 2, []MixEntry{{"wander", 2}, {"flood", 0}}, false},
		{"wander=3,circle=2", 5, []MixEntry{{"wander", 3}, {"circle", 2}}, false},
		{"wander=3,circle=2", 6, nil, true}, // one bot left over, no script takes it
		{"wander=7", 5, nil, true},          // more than n
		{"wander,,circle", 5, nil, true},
		{"wander,wander=2", 5, nil, true},
		{"nosuch", 5, nil, true},
		{"wander=x", 5, nil, true},
		{"wander=-1", 5, nil, true},
		{"wander", 0, nil, true},
	}
	for _, tc := range tests {
		got, err := ParseMix(tc.spec, tc.n)
		if tc.err {
			if !errors.Is(err, ErrBadMix) {
				t.Errorf("ParseMix(%q, %d) error %v, want ErrBadMix", tc.spec, tc.n, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseMix(%q, %d) = %v, %v; want %v", tc.spec, tc.n, got, err, tc.want)
		}
	}
}

func TestAssignInterleaves(t *testing.T) {
	t.Parallel()
	got := Assign([]MixEntry{{"a", 3}, {"b", 1}, {"c", 2}})
	want := []string{"a", "b", "c", "a", "c", "a"}
	if !slices.Equal(got, want) {
		t.Fatalf("Assign = %v, want %v", got, want)
	}
}
