package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Removal reasons reported in Article.Removed.
const (
	ReasonComments    = "comments"
	ReasonPaywall     = "paywall"
	ReasonNewsletter  = "newsletter"
	ReasonTeaser      = "teaser"
	ReasonErrorReport = "error-report"
	ReasonWidget      = "widget"
	ReasonTags        = "tags"
	ReasonShare       = "share"
	ReasonNav         = "nav"
	ReasonCaption     = "caption"
	ReasonCookie      = "cookie"
	ReasonAd          = "ad"
	ReasonAgency      = "agency"
	ReasonURL         = "url"
	ReasonDate        = "date"
	ReasonAuthor      = "author"
	ReasonDateline    = "dateline"
	ReasonTitle       = "title"
)

// tailRule marks a line that opens a trailing page section (comments,
// teaser lists, newsletter box, error-report footer): the section and
// everything after it is not article text.
type lineRule struct {
	re     *regexp.Regexp
	reason string
	tail   bool // opens a trailing section
	maxLen int  // only lines up to this many bytes (0 = any)
}

func rx(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }

// lineRules are matched against a normalised line (trimmed, bullets
// stripped, spaces collapsed). Order matters: the first match wins.
var lineRules = []lineRule{
	// Trailing sections: comments.
	{rx(`^(alle |neueste |leser-?|user-?|\d+ )?kommentare?( \(\d+\)| zu\b.*| anzeigen| lesen| einblenden)?:?$`), ReasonComments, true, 120},
	{rx(`^(kommentar (schreiben|verfassen)|diskutieren sie mit|jetzt kommentieren|zur diskussion|leserbriefe|leserdebatte)\b.*$`), ReasonComments, true, 100},
	{rx(`^((\d+ )?comments?( \(\d+\))?|leave a (comment|reply)|write a comment|join the (conversation|discussion)|add a comment|show comments|view comments):?$`), ReasonComments, true, 60},
	// Trailing sections: teasers of unrelated stories.
	{rx(`^(weitere themen|topmeldungen|top-?themen|top-?news|mehr (zum|zu diesem) thema|mehr aus (diesem )?(ressort|rubrik)|mehr aus .{1,30}|das könnte sie (auch )?interessieren|das könnte dich (auch )?interessieren|empfehlungen( der redaktion| für sie)?|meistgelesene?( artikel| nachrichten)?|meist ?gelesen|ähnliche (artikel|beiträge|themen)|aktuelle (nachrichten|meldungen|artikel)|neueste (artikel|beiträge|meldungen)|verwandte (artikel|themen)|related( articles| stories| posts| content| coverage)?|more (from|on) .{1,40}|more stories|most (read|popular|viewed)|you (may|might) also like|recommended( for you| stories)?|trending( now)?|further reading|top stories|latest (news|stories))\s*:?$`), ReasonTeaser, true, 80},
	{rx(`^(weitere|mehr|ähnliche|verwandte|empfohlene|beliebte|neueste|aktuelle|andere|top|meist-?\pL*|more|related|recommended|popular|latest|other)\b.{0,40}\b(artikel|beiträge|themen|meldungen|nachrichten|news|kolumnen|videos|tipps|tourentipps|storys|stories|geschichten|rezepte|produkte|kommentare|articles|posts|reads|podcasts|galerien|bildergalerien|inhalte)\b.{0,30}$`), ReasonTeaser, true, 90},
	{rx(`^((das|dieses|diese) (thema|themen|artikel|beiträge)? ?(könnte|könnten) (sie|dich|euch) (auch )?interessieren|lesen sie auch die folgenden.*|auch lesen|vorschau auf den nächsten artikel|lust auf mehr|contenido relacionado|le puede interesar|te puede interesar|vous aimerez aussi|à lire aussi|lire aussi|if you enjoyed (reading )?this.*|entdecke weitere .*|beiträge aus dem forum|videos zum thema|meist-?diskutiert|meistkommentiert|neueste kommentare|letzte kommentare)\s*[:!?.]?$`), ReasonTeaser, true, 90},
	{rx(`^((die )?kommentare? (sind|ist) (für diesen (artikel|beitrag) |hier )?(geschlossen|deaktiviert|geschlossen worden)|(the )?comments (are|have been) (closed|disabled))\s*[.!]?$`), ReasonComments, true, 80},
	// Trailing sections: newsletter box.
	{rx(`^(newsletter|unser(e)? newsletter|.{0,30}newsletter (abonnieren|bestellen)|sign up for (our|the) .{0,30}newsletter.*|subscribe to (our|the) newsletter.*)\s*:?$`), ReasonNewsletter, true, 100},
	// Trailing sections: paywall, error report, service footer, tags.
	{rx(`^((jetzt )?weiterlesen mit \S+(:.{0,150})?|einmal zahlen\b.{0,60}|jetzt (unterstützen|abonnieren|abo abschließen)|taz zahl ich|unterstützen sie (unseren|den) journalismus.*)\s*[.!]?$`), ReasonPaywall, true, 100},
	{rx(`^(fehler (auf .{1,40} )?(gefunden|entdeckt)\s*\??( (jetzt )?(melden|melden sie (ihn|uns|es) hier|hier melden)\s*[.!]?)?|inhaltliches feedback\s*\??|haben sie einen fehler (gefunden|entdeckt)\s*\??|report an? (error|correction))$`), ReasonErrorReport, true, 80},
	{rx(`^(serviceangebote|zur startseite|zurück zur startseite|nach oben|back to top|impressum|datenschutz(erklärung)?|nutzungsbedingungen|privacy policy|terms of (use|service))$`), ReasonNav, true, 60},
	{rx(`^(tags|schlagwörter|schlagworte|stichwörter|stichworte|themen|filed under|topics)\s*(:.{0,150})?$`), ReasonTags, true, 160},

	// Single lines.
	{rx(`^(lesen sie (auch|mehr|hier|weiter)|auch interessant|zum thema|mehr zum thema|siehe auch|see also|read (more|next|also)|related)\s*(:.{0,200})?$`), ReasonTeaser, false, 220},
	{rx(`^(bild vergrößern|vergrößern|zur galerie|galerie|bildergalerie|video abspielen|audio abspielen|abspielen|play video|watch video|zum video|video)\s*[:»›]?$`), ReasonShare, false, 30},
	{rx(`^\(?(reporting|writing|additional reporting|editing|compiled|edited) by .{2,200}$`), ReasonAgency, false, 240},
	{rx(`^(share (this|on|via)( article| story| page| post)?.{0,30}|diesen artikel (teilen|empfehlen)|artikel empfehlen|teilen sie diesen artikel)$`), ReasonShare, false, 60},
	{rx(`^(teilen|share|drucken|print|merken|speichern|versenden|senden|e-?mail|mail|twitter|twittern|tweeten|x|facebook|whatsapp|linkedin|xing|pinterest|telegram|reddit|flipboard|pocket|messenger|threads|bluesky|mastodon|kopieren|link kopieren|(artikel|beitrag|seite) (teilen|drucken|versenden|merken)|(auf|via|bei) \S+ teilen|feedback|vorlesen|artikel anhören|hören|anhören|audio|zur merkliste|merkliste|zu meinen artikeln|folgen|follow|tweet|pin|mehr|weniger|schließen|close|menü|menu|suche|search|login|anmelden|abmelden|registrieren|\||/|·|\s)+$`), ReasonShare, false, 160},
	{rx(`^-?\s*(zuletzt\s+)?(aktualisiert|veröffentlicht|erschienen|stand|updated|published|last updated)(\s+(am|on|um))?\s*:?\s*$`), ReasonDate, false, 40},
	{rx(`^-?\s*(letzte änderung|zuletzt geändert|last modified|geändert am)\s*:?.{0,30}$`), ReasonDate, false, 50},
	{rx(`^(kategorie|kategorien|category|categories|rubrik|ressort|schlagwort|labels?)\s*:.{0,100}$`), ReasonTags, false, 120},
	{rx(`^(von|by|tel\.?|telefon|fax|e-?mail|kontakt|contact|inhaltsverzeichnis|inhalt|table of contents|aufrufe|views|hits|start|home|startseite|community|lexikon|navigation|hauptmenü|menü)\s*:?\s*\d*$`), ReasonNav, false, 40},
	{rx(`^\d{1,2}:\d{2}(\s*uhr)?$`), ReasonNav, false, 12},
	{rx(`^(titelbild|beitragsbild|symbolbild|vorschaubild|image illustrative|crédits? photos?|photo credits?|bildnachweis|bildquelle|fotos?|bilder?|images?|photos?)\s*:?.{0,50}$`), ReasonCaption, false, 60},
	{rx(`^[\pL .,/&-]{0,40}\b(getty images|shutterstock|istock(photo)?|imago( images)?|picture alliance|bestimage|ap photo)(\s*/\s*[\pL .-]{1,40})?$`), ReasonCaption, false, 60},
	{rx(`^(afp|dpa|reuters|ap|keystone|epa|ddp|imago)\s+/\s+[\pL .-]{3,40}$`), ReasonCaption, false, 60},
	{rx(`^(lesezeit:?\s*)?(ca\.\s*)?\d+\s*min(\.|uten|\b)(\s*lesezeit)?(\s*read)?$`), ReasonNav, false, 40},
	{rx(`^[•·▪►▶»«*#\-–—|\s\d%+]+$`), ReasonNav, false, 40},
	{rx(`^(anzeige|advertisement|werbung|sponsored|gesponsert|ad|promotion|partner-?inhalt)$`), ReasonAd, false, 30},
	{rx(`^(https?://|www\.)\S+$`), ReasonURL, false, 300},
	{rx(`^(einmal zahlen|jetzt abonnieren|abonnieren|jetzt testen|jetzt lesen|weiterlesen|weiter lesen|mehr lesen|zum artikel|artikel lesen|f\+|faz\+|spiegel\+|z\+|welt\+|bild\+|sz\+|plus|exklusiv|abo|subscribe|subscribe now)\s*[.!]?$`), ReasonPaywall, false, 40},
}

// containsRules catch boilerplate sentences inside longer lines; each needs
// two cues so that article sentences mentioning, say, newsletters survive.
type containsRule struct {
	all    []string // every cue must occur (lower case)
	any    []string // and at least one of these (if set)
	reason string
	maxLen int
}

var containsRules = []containsRule{
	{[]string{"cookie"}, []string{"zustimm", "akzeptier", "accept", "consent", "einwillig", "einstellungen", "datenschutz", "privacy", "verwenden", "we use"}, ReasonCookie, 600},
	{[]string{"newsletter"}, []string{"abonnieren", "bestell", "anmelden", "sign up", "subscribe", "mailbox", "postfach", "sie haben post", "e-mail"}, ReasonNewsletter, 400},
	{[]string{"netiquette"}, nil, ReasonComments, 400},
	{[]string{"kommentar"}, []string{"registrieren", "anmelden", "leser", "kommentieren", "kommentierbar", "nicht mehr kommentiert", "eingeloggt", "einloggen", "zu schreiben"}, ReasonComments, 400},
	{[]string{"comment"}, []string{"moderated", "republished", "civil", "libel", "log in to", "sign in to", "must be logged"}, ReasonComments, 400},
	{[]string{"letter to the editor"}, nil, ReasonComments, 200},
	{nil, []string{"folgen sie uns", "follow us", "follow the ", "síguenos", "siguenos", "suivez-nous", "folge uns", "folgt uns"}, ReasonShare, 250},
	{[]string{"artikel"}, []string{"bewerten", "teilen/", "zu teilen", "weiterempfehlen", "artikel gefallen"}, ReasonShare, 120},
	{nil, []string{"copyrighted property", "written permission", "alle rechte vorbehalten", "all rights reserved", "nachdruck nur mit", "trust principles"}, ReasonNav, 250},
	{nil, []string{"lire la suite", "accéder en illimité", "already a subscriber", "full story", "hazte miembro", "become a member today", "support our journalism", "suscríbete", "abonnez-vous", "jetzt abonnent werden"}, ReasonPaywall, 250},
	{[]string{"kommentieren"}, []string{"probleme", "registrieren", "anmelden", "wochentags"}, ReasonComments, 400},
	{[]string{"fehlerhinweis"}, nil, ReasonErrorReport, 200},
	{[]string{"kontaktformular"}, nil, ReasonErrorReport, 200},
	{[]string{"abonnent"}, []string{"exklusiv", "nur für", "weiterlesen", "lesen sie", "zugang", "testen", "einloggen", "anmelden"}, ReasonPaywall, 300},
	{[]string{"abo"}, []string{"jetzt abonnieren", "abo abschließen", "mit einem abo", "ihr abo", "abo-", "abonnieren sie", "im abo"}, ReasonPaywall, 300},
	{[]string{"zum weiterlesen"}, nil, ReasonPaywall, 300},
	{[]string{"subscribe"}, []string{"to continue reading", "to read", "subscribers only", "for full access", "subscribe now", "to view", "subscribers"}, ReasonPaywall, 300},
	{[]string{"javascript"}, []string{"aktivieren", "enable", "deaktiviert", "disabled"}, ReasonNav, 300},
}

var (
	widgetRe  = regexp.MustCompile(`-?(?:\d{1,3}\s?%\s?){5,}`)
	captionRe = regexp.MustCompile(`(?i)(?:^|[\s.(|,;])(?:bild|bilder|foto|fotos|grafik|illustration|quelle|image|images|photo|photos|picture|credit|copyright|video|©)\s*:\s*[^.!?:]{1,60}\)?$`)
	copyRe    = regexp.MustCompile(`(?i)(?:©|\(c\))\s*[\p{L}\d][^.!?]{0,60}$`)
)

// normLine trims a raw line: zero-width and control characters go, list
// bullets and indentation go, runs of spaces collapse.
func normLine(s string) string {
	if !needsNorm(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		case unicode.IsControl(r):
			continue
		}
		b.WriteRune(r)
		space = false
	}
	out := strings.TrimRight(b.String(), " ")
	// Strip list bullets ("• ", "· ", "* ", "- ").
	for {
		t := strings.TrimLeft(out, "•·▪►▶*")
		if t == out {
			break
		}
		out = strings.TrimLeft(t, " ")
	}
	return out
}

func needsNorm(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 {
			return true
		}
		if c == ' ' {
			if prevSpace {
				return true
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	return false
}

// classifyLine returns why a normalised line is boilerplate ("" if it is
// not) and whether it opens a trailing section.
func classifyLine(line string) (reason string, tail bool) {
	if line == "" {
		return "", false
	}
	for _, r := range lineRules {
		if r.maxLen > 0 && len(line) > r.maxLen {
			continue
		}
		if r.re.MatchString(line) {
			return r.reason, r.tail
		}
	}
	lower := ""
	for _, r := range containsRules {
		if len(line) > r.maxLen {
			continue
		}
		if lower == "" {
			lower = strings.ToLower(line)
		}
		if !containsAll(lower, r.all) || (len(r.any) > 0 && !containsAny(lower, r.any)) {
			continue
		}
		return r.reason, false
	}
	if consentLine(line) {
		return ReasonCookie, false
	}
	if _, ok := menuLine(line); ok {
		return ReasonNav, false
	}
	if isAgencyLine(line) {
		return ReasonAgency, false
	}
	if isCaption(line) {
		return ReasonCaption, false
	}
	return "", false
}

// isCaption recognises image captions and credits: a line ending in a
// picture credit ("… Bild: reuters", "Foto: dpa", "© AFP") that is not a
// sentence of the article.
func isCaption(line string) bool {
	if len(line) > 400 {
		return false
	}
	// Credits sit at the end: look at the last 80 bytes only, and only when
	// they hold a colon or a copyright sign (keeps long lines cheap).
	tail := line
	if len(tail) > 80 {
		cut := len(tail) - 80
		for cut < len(tail) && !utf8.RuneStart(tail[cut]) {
			cut++
		}
		tail = tail[cut:]
	}
	hasColon := strings.IndexByte(tail, ':') >= 0
	hasCopy := strings.Contains(tail, "©") || strings.Contains(tail, "(c)") || strings.Contains(tail, "(C)")
	if !hasColon && !hasCopy {
		return false
	}
	if hasColon && captionRe.MatchString(tail) {
		return true
	}
	return hasCopy && len(line) < 200 && copyRe.MatchString(tail)
}

func containsAll(s string, subs []string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// wordCount counts space-separated words.
func wordCount(s string) int {
	// Without allocating the slice of strings.Fields: this runs for every
	// line of every article.
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// endsSentence reports whether s ends like a sentence (., !, ?, …, or a
// closing quote after one).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'“”«»‘’)")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':' || r == ';'
}

// headlineLike reports whether a line can be a headline or kicker: short,
// not a full sentence ending in a period.
func headlineLike(s string) bool {
	n := wordCount(s)
	if n == 0 || n > 25 || len(s) > 220 {
		return false
	}
	t := strings.TrimRight(s, " \"'“”«»‘’")
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
		// "…" and "?"/"!" do occur in headlines; a final period rarely does
		// (but abbreviations like "Dr." at the end are too rare to matter).
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("„\"“'«»‚", first)
}
