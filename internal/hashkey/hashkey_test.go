package hashkey

import "testing"

// The expected values pin the functions: stored keys depend on them.
func TestFNV1a(t *testing.T) {
	tests := []struct {
		space uint64
		s     string
		want  uint64
	}{
		// Published FNV-1a 64 test vectors of "\x00", "a" and "foobar":
		// the space is hashed as the first byte.
		{0, "", 0xaf63bd4c8601b7df},
		{'a', "", 0xaf63dc4c8601ec8c},
		{'f', "oobar", 0x85944171f73967e8},
	}
	for _, tt := range tests {
		if got := FNV1a(tt.space, tt.s); got != tt.want {
			t.Errorf("FNV1a(%d, %q) = %#x, want %#x", tt.space, tt.s, got, tt.want)
		}
	}
	if FNV1a(1, "x") == FNV1a(2, "x") {
		t.Error("spaces do not separate keys")
	}
}

func TestMix64(t *testing.T) {
	// SplitMix64's first output for seed 0 is Mix64(0x9e3779b97f4a7c15).
	if got, want := Mix64(0x9e3779b97f4a7c15), uint64(0xe220a8397b1dcdaf); got != want {
		t.Errorf("Mix64 = %#x, want %#x", got, want)
	}
	if Mix64(0) != 0 {
		t.Error("Mix64(0) != 0")
	}
}
