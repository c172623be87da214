package timex

// lexicon holds the words one language uses for calendar units. All keys
// are lower case.
type lexicon struct {
	months   map[string]int    // full names and inflections
	monAbbr  map[string]int    // abbreviations, accepted only next to a day or year
	weekdays map[string]int    // 1 = Monday … 7 = Sunday
	wdSet    map[string]int    // "montags", "mondays": a SET
	nums     map[string]int    // number words; -1 = vague ("mehrere")
	units    map[string]string // unit words → Y, M, W, D, DE, CE, H, MIN, S, Q
	seasons  map[string]string // SP, SU, FA, WI
	mods     map[string]string // Anfang → START …
	sets     map[string]string // jährlich → P1Y
	refs     map[string]string // jetzt → PRESENT_REF
	future   map[string]bool   // words that put a clause in the future tense
	pastPerf map[string]bool   // auxiliaries of the past perfect ("hatte"): a flashback
	yearCtx  map[string]bool   // words before a bare year that confirm it
	yearNeg  map[string]bool   // words before a bare number that make it a quantity
	bc       [][]string        // token sequences meaning "before Christ"
}

var de = &lexicon{
	months: map[string]int{
		"januar": 1, "jänner": 1, "jaenner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3,
		"april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
		"november": 11, "dezember": 12, "januars": 1, "jänners": 1, "februars": 2, "aprils": 4,
		"mais": 5, "junis": 6, "julis": 7, "augusts": 8, "septembers": 9, "oktobers": 10,
		"novembers": 11, "dezembers": 12,
	},
	monAbbr: map[string]int{
		"jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
		"sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
	},
	weekdays: map[string]int{
		"montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
		"sonnabend": 6, "sonntag": 7,
	},
	wdSet: map[string]int{
		"montags": 1, "dienstags": 2, "mittwochs": 3, "donnerstags": 4, "freitags": 5,
		"samstags": 6, "sonnabends": 6, "sonntags": 7,
	},
	nums: map[string]int{
		"ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2, "zweier": 2,
		"beiden": 2, "beide": 2, "drei": 3, "dreier": 3, "vier": 4, "fünf": 5, "sechs": 6,
		"sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13,
		"vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
		"neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
		"sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
		"mehrere": -1, "mehreren": -1, "einige": -1, "einigen": -1, "wenige": -1, "wenigen": -1,
		"weniger": -1, "viele": -1, "vielen": -1, "etliche": -1, "etlichen": -1,
	},
	units: map[string]string{
		"tag": "D", "tage": "D", "tagen": "D", "tages": "D", "woche": "W", "wochen": "W",
		"monat": "M", "monate": "M", "monaten": "M", "monats": "M", "jahr": "Y", "jahre": "Y",
		"jahren": "Y", "jahres": "Y", "jahrzehnt": "DE", "jahrzehnte": "DE", "jahrzehnten": "DE",
		"jahrzehnts": "DE", "jahrhundert": "CE", "jahrhunderte": "CE", "jahrhunderten": "CE",
		"jahrhunderts": "CE", "stunde": "H", "stunden": "H", "minute": "MIN", "minuten": "MIN",
		"sekunde": "S", "sekunden": "S", "quartal": "Q", "quartale": "Q", "quartalen": "Q",
	},
	seasons: map[string]string{
		"frühling": "SP", "frühjahr": "SP", "frühjahrs": "SP", "frühlings": "SP", "sommer": "SU",
		"sommers": "SU", "herbst": "FA", "herbstes": "FA", "herbsts": "FA", "winter": "WI",
		"winters": "WI",
	},
	mods: map[string]string{
		"anfang": "START", "beginn": "START", "mitte": "MID", "ende": "END", "gegen": "APPROX",
		"um": "APPROX", "etwa": "APPROX", "spätestens": "", "frühestens": "",
	},
	sets: map[string]string{
		"jährlich": "P1Y", "jährliche": "P1Y", "jährlichen": "P1Y", "alljährlich": "P1Y",
		"täglich": "P1D", "tägliche": "P1D", "täglichen": "P1D", "wöchentlich": "P1W",
		"wöchentliche": "P1W", "wöchentlichen": "P1W", "monatlich": "P1M", "monatliche": "P1M",
		"monatlichen": "P1M", "stündlich": "PT1H", "wochentags": "XXXX-WXX-WD",
	},
	refs: map[string]string{
		"jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF",
		"gegenwärtig": "PRESENT_REF", "zurzeit": "PRESENT_REF", "heutzutage": "PRESENT_REF",
		"bald": "FUTURE_REF", "zukünftig": "FUTURE_REF", "künftig": "FUTURE_REF",
		"demnächst": "FUTURE_REF", "folgezeit": "FUTURE_REF",
		"kürzlich": "PAST_REF", "neulich": "PAST_REF", "jüngst": "PAST_REF",
	},
	pastPerf: map[string]bool{"hatte": true, "hatten": true, "hattest": true, "hattet": true},
	future: map[string]bool{
		"wird": true, "werden": true, "werde": true, "wirst": true, "soll": true, "sollen": true,
		"solle": true, "sollte": true, "sollten": true, "will": true, "wollen": true, "wolle": true,
		"plant": true, "planen": true, "geplant": true, "geplanten": true, "geplante": true,
		"könne": true, "könnte": true, "könnten": true, "künftig": true, "voraussichtlich": true,
		"bevorstehenden": true, "bevorstehende": true, "kommenden": true, "kommende": true,
		"nächsten": true, "nächste": true, "erwartet": true, "anstehenden": true,
	},
	yearCtx: map[string]bool{
		"im": true, "in": true, "seit": true, "bis": true, "ab": true, "von": true, "vom": true,
		"jahr": true, "jahre": true, "jahres": true, "zwischen": true, "und": true, "anfang": true,
		"ende": true, "mitte": true, "nach": true, "vor": true, "um": true, "sommer": true,
		"herbst": true, "winter": true, "frühjahr": true, "frühling": true, "sommers": true,
		"herbstes": true, "winters": true, "frühjahrs": true, "beginn": true, "jahresbeginn": true,
		"jahresende": true, "sommer-": true, "oder": true, "bzw": true, "–": true, "-": true,
		"/": true, "(": true, "seit-": true, "januar": true, "februar": true, "märz": true,
		"april": true, "mai": true, "juni": true, "juli": true, "august": true, "september": true,
		"oktober": true, "november": true, "dezember": true, "jänner": true,
	},
	yearNeg: map[string]bool{
		"über": true, "rund": true, "etwa": true, "ca": true, "fast": true, "knapp": true,
		"mehr": true, "als": true, "mindestens": true, "insgesamt": true, "nur": true,
		"weitere": true, "weiteren": true, "ungefähr": true, "nr": true, "paragraf": true,
		"§": true, "seite": true, "etwa-": true,
	},
	bc: [][]string{{"v", ".", "chr", "."}, {"v", ".", "chr"}, {"vor", "christus"}, {"v", ".", "u", ".", "z", "."}, {"vchr"}},
}

var en = &lexicon{
	months: map[string]int{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	},
	monAbbr: map[string]int{
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
		"sept": 9, "oct": 10, "nov": 11, "dec": 12,
	},
	weekdays: map[string]int{
		"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
		"sunday": 7,
	},
	wdSet: map[string]int{
		"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5,
		"saturdays": 6, "sundays": 7,
	},
	nums: map[string]int{
		"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
		"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
		"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
		"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
		"several": -1, "few": -1, "many": -1, "some": -1,
	},
	units: map[string]string{
		"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
		"year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE",
		"centuries": "CE", "hour": "H", "hours": "H", "minute": "MIN", "minutes": "MIN",
		"second": "S", "seconds": "S", "quarter": "Q", "quarters": "Q",
	},
	seasons: map[string]string{
		"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
	},
	mods: map[string]string{
		"early": "START", "mid": "MID", "late": "END", "around": "APPROX", "about": "APPROX",
	},
	sets: map[string]string{
		"annually": "P1Y", "annual": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W",
		"monthly": "P1M", "hourly": "PT1H", "weekdays": "XXXX-WXX-WD",
	},
	refs: map[string]string{
		"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
		"soon": "FUTURE_REF", "recently": "PAST_REF", "formerly": "PAST_REF",
	},
	pastPerf: map[string]bool{"had": true},
	future: map[string]bool{
		"will": true, "shall": true, "would": true, "plans": true, "planned": true,
		"scheduled": true, "upcoming": true, "next": true, "expected": true, "could": true,
		"might": true, "intends": true, "coming": true,
	},
	yearCtx: map[string]bool{
		"in": true, "since": true, "until": true, "till": true, "from": true, "by": true,
		"year": true, "between": true, "and": true, "early": true, "late": true, "mid": true,
		"after": true, "before": true, "during": true, "of": true, "summer": true, "spring": true,
		"autumn": true, "winter": true, "fall": true, "end": true, "–": true, "-": true, "/": true,
		"(": true, "or": true, ",": true,
	},
	yearNeg: map[string]bool{
		"over": true, "about": true, "around": true, "nearly": true, "almost": true,
		"than": true, "least": true, "only": true, "some": true, "no": true, "page": true,
		"$": true, "€": true, "£": true,
	},
	bc: [][]string{{"bc"}, {"b", ".", "c", "."}, {"bce"}},
}

// quantity words after a number that show it is not a year.
var quantityNext = map[string]bool{
	"soldaten": true, "mann": true, "menschen": true, "tote": true, "toten": true,
	"verwundete": true, "gefangene": true, "km": true, "kilometer": true, "meter": true,
	"einwohner": true, "panzer": true, "flugzeuge": true, "schiffe": true, "euro": true,
	"dollar": true, "us": true, "millionen": true, "milliarden": true, "prozent": true,
	"soldiers": true, "people": true, "men": true, "troops": true, "dead": true, "killed": true,
	"miles": true, "dollars": true, "million": true, "billion": true, "percent": true,
	"kilometres": true, "kilometers": true, "tonnen": true, "tons": true, "stück": true,
	"%": true, "mal": true, "punkte": true, "points": true, "stimmen": true, "votes": true,
	"mitglieder": true, "members": true, "opfer": true, "victims": true, "einheiten": true,
}

func lexFor(lang string) *lexicon {
	if lang == "en" {
		return en
	}
	return de
}
