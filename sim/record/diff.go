package record

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// FieldDiff is one field whose recorded and replayed values differ.
type FieldDiff struct {
	Field    string
	Recorded string
	Replayed string
}

// EntityDiff lists how one entity differs between the recording and the
// replay. Missing says which side lacks the entity ("recorded" or
// "replayed"), if one does.
type EntityDiff struct {
	Conn    uint32
	Missing string
	Fields  []FieldDiff
}

// String renders the diff on one line per field.
func (d EntityDiff) String() string {
	if d.Missing != "" {
		return fmt.Sprintf("conn %d: only in the %s state", d.Conn, otherSide(d.Missing))
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "conn %d:", d.Conn)
	for _, f := range d.Fields {
		fmt.Fprintf(&sb, "\n  %-22s recorded %s, replayed %s", f.Field, f.Recorded, f.Replayed)
	}
	return sb.String()
}

func otherSide(missing string) string {
	if missing == "recorded" {
		return "replayed"
	}
	return "recorded"
}

// Diff compares two entity lists sorted by connection and returns the
// entities that differ, in connection order. Floats are compared by value
// as printed with full precision, so NaN equals NaN and 0 differs from -0.
func Diff(recorded, replayed []EntityState) []EntityDiff {
	var out []EntityDiff
	i, j := 0, 0
	for i < len(recorded) || j < len(replayed) {
		switch {
		case j == len(replayed) || (i < len(recorded) && recorded[i].Conn < replayed[j].Conn):
			out = append(out, EntityDiff{Conn: recorded[i].Conn, Missing: "replayed"})
			i++
		case i == len(recorded) || replayed[j].Conn < recorded[i].Conn:
			out = append(out, EntityDiff{Conn: replayed[j].Conn, Missing: "recorded"})
			j++
		default:
			if f := diffFields(&recorded[i], &replayed[j]); f != nil {
				out = append(out, EntityDiff{Conn: recorded[i].Conn, Fields: f})
			}
			i++
			j++
		}
	}
	return out
}

func diffFields(a, b *EntityState) []FieldDiff {
	var ba, bb [entitySize]byte
	if bytes.Equal(appendEntity(ba[:0], a), appendEntity(bb[:0], b)) {
		return nil
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []FieldDiff
	for k := 0; k < va.NumField(); k++ {
		sa, sb := fmt.Sprint(va.Field(k).Interface()), fmt.Sprint(vb.Field(k).Interface())
		if sa != sb {
			out = append(out, FieldDiff{Field: va.Type().Field(k).Name, Recorded: sa, Replayed: sb})
		}
	}
	return out
}
