package queue

import "reflect"

// holdsPointers reports whether a value of type t can hold a pointer the
// garbage collector follows: a pointer, slice, string, map, channel,
// function, interface or unsafe.Pointer, or an array or struct that
// contains one.
func holdsPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Array:
		return t.Len() > 0 && holdsPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if holdsPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Pointer, reflect.UnsafePointer, reflect.Slice, reflect.String, reflect.Map, reflect.Chan,
		reflect.Func, reflect.Interface:
		return true
	default:
		return false
	}
}
