package events

import "testing"

func TestTimexStart(t *testing.T) {
	cases := []struct {
		v, want string
		ok      bool
	}{
		{"2014", "2014-01-01", true},
		{"2014-12", "2014-12-01", true},
		{"2014-12-19", "2014-12-19", true},
		{"2014-12-19T10:30", "2014-12-19", true},
		{"2014-12-19TEV", "2014-12-19", true},
		{"2015-W01", "2014-12-29", true},
		{"2014-W51", "2014-12-15", true},
		{"2015-Q2", "2015-04-01", true},
		{"2015-SU", "2015-06-01", true},
		{"2014-13", "", false},
		{"P3D", "", false},
		{"PAST_REF", "", false},
		{"BC0490", "", false},
		{"199", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		got, ok := timexStart(c.v)
		if ok != c.ok || ok && got.Format("2006-01-02") != c.want {
			t.Errorf("timexStart(%q) = %s, %v; want %s, %v", c.v, got.Format("2006-01-02"), ok, c.want, c.ok)
		}
	}
}
