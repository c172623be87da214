package extract

import (
	"strings"
	"testing"
)

func TestMenuAndConsentLines(t *testing.T) {
	tests := []struct {
		line   string
		reason string // classifyLine's verdict
		prefix string // outlet name before a glued menu
	}{
		// Menus and breadcrumbs.
		{"Stadt | Kreis | Politik | Kultur | Sport | E-Paper", ReasonNav, ""},
		{"Nachrichten • Region • Freizeit • Leben", ReasonNav, ""},
		{"Startseite > Politik > Ausland", ReasonNav, ""},
		{"Sport › Bundesliga", ReasonNav, ""},
		{"World » Asia Pacific", ReasonNav, ""},
		{"Home · Local · Schools · Weather", ReasonNav, ""},
		{"Kreisblatt Nord: Stadt | Land | Sport | Abo", ReasonNav, "Kreisblatt Nord"},
		{"Startseite Politik Wirtschaft Kultur Sport", ReasonNav, ""},
		{"Home World Business Markets Opinion", ReasonNav, ""},
		// Consent prompts without the word "cookie".
		{"Zustimmen und weiter | Ablehnen", ReasonCookie, ""},
		{"Datenschutzhinweis: Wir verarbeiten Ihre Daten. Akzeptieren | Anpassen", ReasonCookie, ""},
		{"Your choices: Accept | Reject", ReasonCookie, ""},
		{"Privatsphäre: [Einverstanden] [Einstellungen]", ReasonCookie, ""},
		// Headlines and sentences that only look a little like them.
		{"Krieg in der Ukraine | Liveblog | Nachrichten", "", ""},
		{"Ukraine-Krieg › Selenskyj trifft Biden in Washington", "", ""},
		{"Inflation > 5 Prozent: EZB erhöht die Zinsen", "", ""},
		{"Politik | Neue Regierung vereidigt", "", ""},
		{"Work Begins On Baltic Hydrogen Pipeline As Costs Climb", "", ""},
		{"Sport Und Politik Im Streit Um Die Arena", "", ""},
		{"Die Abgeordneten wollen den Kompromiss akzeptieren, die Opposition will ihn ablehnen.", "", ""},
		{"Unacceptable, says the minister: unions reject the plan", "", ""},
		{"Gewerkschaft: Tarifangebot ablehnen oder zustimmen?", "", ""},
		{"„Wir müssen [die Reform] akzeptieren und dürfen sie nicht ablehnen“, sagte sie.", "", ""},
	}
	for _, tt := range tests {
		if got, _ := classifyLine(tt.line); got != tt.reason {
			t.Errorf("classifyLine(%q) = %q, want %q", tt.line, got, tt.reason)
		}
		if prefix, _ := menuLine(tt.line); prefix != tt.prefix {
			t.Errorf("menuLine(%q) prefix = %q, want %q", tt.line, prefix, tt.prefix)
		}
	}
}

func TestMastheadAndCopyrightNames(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"Kreisblatt Nord – Nachrichten aus dem Norden", "Kreisblatt Nord"},
		{"WESTERN COURIER | Politics", "WESTERN COURIER"},
		{"Der Morgenbote", "Der Morgenbote"},
		{"Ein sehr langer Satz mit vielen Wörtern ohne Trenner", ""},
	} {
		if got := mastheadName(tt.line); got != tt.want {
			t.Errorf("mastheadName(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	for _, tt := range []struct{ line, want string }{
		{"© Kreisblatt Nord 2024", "Kreisblatt Nord"},
		{"(c) 2022 Western Courier", "Western Courier"},
		{"© Morgenbote – Alle Rechte vorbehalten", "Morgenbote"},
		{"© dpa", ""},
		{"© Getty Images", ""},
		{"© 2024", ""},
	} {
		if got := copyrightName(tt.line); got != tt.want {
			t.Errorf("copyrightName(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// A headline followed directly by a menu is not mistaken for a masthead
// when no other headline follows, and a kicker above a headline still joins.
func TestMastheadNeedsLaterHeadline(t *testing.T) {
	c := CleanText("Stadtwerke erhöhen die Preise\nStrom | Gas | Wasser | Fernwärme\n\nDie Stadtwerke erhöhen zum Jahreswechsel die Preise für Strom und Gas deutlich.")
	if c.Title != "Stadtwerke erhöhen die Preise" {
		t.Errorf("title = %q", c.Title)
	}
	c = CleanText("Stadtwerke erhöhen die Preise\nWir verwenden Cookies. Akzeptieren | Ablehnen\n12.03.2024\n\nDie Stadtwerke erhöhen zum Jahreswechsel die Preise für Strom und Gas deutlich.\n\nZwischentitel\n\nDer Grundpreis steigt um zehn Prozent.")
	if c.Title != "Stadtwerke erhöhen die Preise" {
		t.Errorf("title before a cookie line = %q", c.Title)
	}
	c = CleanText("Treffen in Rom\nPapst empfängt Präsidenten\n\nDer Papst hat am Montag den Präsidenten empfangen. Die Gespräche dauerten eine Stunde.")
	if c.Title != "Treffen in Rom: Papst empfängt Präsidenten" {
		t.Errorf("kicker title = %q", c.Title)
	}
}

func TestHasMenuSep(t *testing.T) {
	for _, s := range []string{"a | b", "a > b", "a › b", "a • b", "a · b", "a » b", "plain text", "é ü – „“", "", "\xe2", "\xc2"} {
		if got, want := hasMenuSep(s), strings.ContainsAny(s, menuSeps); got != want {
			t.Errorf("hasMenuSep(%q) = %v, want %v", s, got, want)
		}
	}
}
