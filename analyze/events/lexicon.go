package events

// Action codes and their CAMEO event codes (CAMEO 1.1b3). The actions
// after "sanction" are what news reports that GDELT-style diplomacy lists
// miss; they tell sister events apart in clustering (arrest vs release,
// fire vs appoint). CAMEO codes only interactions between actors, so
// appoint, resign, win and die have no code ("").
//
//	action     CAMEO  CAMEO name
//	invite     036    Express intent to meet or negotiate (the inviter offers a meeting)
//	accept     036    Express intent to meet or negotiate (accepting an invitation to meet/visit)
//	reject     120    Reject, not specified (125 rejecting an invitation, talks or an offer to meet)
//	appeal     020    Make an appeal or request ("called on", "urged", "appellierte")
//	visit      042    Make a visit
//	host       043    Host a visit
//	meet       040    Consult, not specified (meetings, summits; 046 negotiations, "talks")
//	sign       057    Sign formal agreement
//	support    051    Praise or endorse (verbal/political support)
//	arms       072    Provide military aid (deliver weapons)
//	criticize  111    Criticize or denounce
//	accuse     112    Accuse, not specified
//	threaten   130    Threaten, not specified (1312 with sanctions, 138 with military force)
//	sanction   163    Impose embargo, boycott, or sanctions
//	arrest     173    Arrest, detain, or charge with legal action
//	release    0841   Return, release person(s)
//	fire       172    Impose administrative sanctions (dismiss, sack, oust)
//	attack     180    Use unconventional violence (190 use conventional military force)
//	kill       180    Use unconventional violence (186 assassinate)
//	appoint    —      appoint, hire, name (no CAMEO code)
//	resign     —      resign, step down (no CAMEO code)
//	win        —      win, be elected (no CAMEO code)
//	die        —      die (no CAMEO code)
var cameo = map[string]string{
	"invite": "036", "accept": "036", "visit": "042", "host": "043", "meet": "040", "sign": "057",
	"support": "051", "arms": "072", "criticize": "111", "accuse": "112", "threaten": "130",
	"sanction": "163", "reject": "120", "appeal": "020", "arrest": "173", "release": "0841",
	"fire": "172", "attack": "180", "kill": "180",
}

// trigger is a word form that evokes an action. particle is the separated
// German verb particle that must follow in the clause ("lädt … ein"); need
// is a word stem one of which must occur in the sentence ("Einladung" for accept).
type trigger struct {
	action   string
	particle string
	need     []string
	noun     bool
	gap      int      // the particle must follow within gap words (English phrasal verbs); 0: anywhere in the clause
	avoid    []string // stems that veto the trigger ("fired" + "missile" is an attack, not a dismissal)
	near     int      // the need stem must stand within near words after the trigger ("rejected the offer")
}

func v(action string) trigger                   { return trigger{action: action} }
func n(action string) trigger                   { return trigger{action: action, noun: true} }
func sep(action, particle string) trigger       { return trigger{action: action, particle: particle} }
func sepNeed(a, p string, s ...string) trigger  { return trigger{action: a, particle: p, need: s} }
func nounNeed(a string, s ...string) trigger    { return trigger{action: a, noun: true, need: s} }
func verbNeed(a string, s ...string) trigger    { return trigger{action: a, need: s} }
func many(t trigger, forms ...string) []wordTrg { return forTrigger(t, forms) }
func phr(a, p string, gap int) trigger          { return trigger{action: a, particle: p, gap: gap} }
func avoid(t trigger, s ...string) trigger      { t.avoid = s; return t }

type wordTrg struct {
	form string
	t    trigger
}

func forTrigger(t trigger, forms []string) []wordTrg {
	out := make([]wordTrg, len(forms))
	for k, f := range forms {
		out[k] = wordTrg{f, t}
	}
	return out
}

var invitationStems = []string{"einladung", "invitation", "angebot", "offer"}
var rejectStems = []string{"einladung", "invitation", "angebot", "offer", "proposal", "vorschlag", "talks",
	"gespräch", "verhandlung", "negotiat", "demand", "forderung", "request", "plan", "deal", "appeal", "bid", "call"}
var violenceStems = []string{"shot", "missile", "rocket", "rakete", "gun", "weapon", "mortar", "artillery",
	"bomb", "tear gas", "rubber", "shell", "bullet", "round", "strike"}
var militaryStems = []string{"militär", "military", "army", "armee", "troops", "truppen", "soldat", "soldier",
	"air strike", "airstrike", "luftangriff", "tank", "panzer", "artiller", "navy", "marine", "missile", "rakete", "rocket"}
var sanctionStems = []string{"sanktion", "sanction", "strafmaßnahme", "embargo"}
var weaponStems = []string{"waffe", "weapon", "rakete", "missile", "munition", "ammunition", "artillerie",
	"granate", "rüstung", "arms", "panzer", "drohne", "drone", "militärgüter", "jet", "tank", "howitzer",
	"air defence", "air defense", "kampfjet", "kampfflugzeug"}

// triggers maps lower-case word forms to triggers (German and English).
var triggers = func() map[string][]trigger {
	m := map[string][]trigger{}
	addAll := func(ws []wordTrg) {
		for _, w := range ws {
			m[w.form] = append(m[w.form], w.t)
		}
	}
	// invite
	addAll(many(v("invite"), "einladen", "eingeladen", "einlädt", "einlud", "einluden", "einzuladen",
		"invite", "invites", "invited", "inviting"))
	addAll(many(sep("invite", "ein"), "lädt", "lud", "luden", "laden", "lade", "ladet"))
	addAll(many(n("invite"), "einladung", "invitation"))
	// accept (an invitation)
	addAll(many(verbNeed("accept", invitationStems...), "angenommen", "annehmen", "annahm", "anzunehmen",
		"akzeptiert", "akzeptierte", "akzeptierten", "accept", "accepts", "accepted", "accepting"))
	addAll(many(sepNeed("accept", "an", invitationStems...), "nimmt", "nahm", "nahmen", "nehmen", "nehme", "nähme"))
	// visit
	addAll(many(v("visit"), "besuchen", "besucht", "besuchte", "besuchten", "besuche", "zu-besuchen",
		"visit", "visits", "visited", "visiting"))
	addAll(many(n("visit"), "besuch", "besuches", "besuchs", "staatsbesuch", "auslandsbesuch",
		"auslandsreise", "staatsbesuchs", "reise", "trip"))
	addAll(many(verbNeed("visit", "nach"), "reist", "reiste", "reisten", "reisen"))
	addAll(many(phr("visit", "to", 6), "travels", "travelled", "traveled", "travel", "travelling", "traveling"))
	// host
	addAll(many(v("host"), "empfängt", "empfing", "empfingen", "empfangen", "host", "hosts", "hosted", "hosting",
		"welcomed", "welcomes"))
	addAll(many(phr("visit", "in", 2), "arrived", "arrives", "arrive", "arriving")) // "arrived in Taipei"
	// meet
	addAll(many(v("meet"), "treffen", "trifft", "traf", "trafen", "getroffen", "zusammentreffen",
		"zusammengetroffen", "meet", "meets", "met", "meeting"))
	addAll(many(n("meet"), "gipfeltreffen", "gipfel", "gipfels", "gipfeltreffens", "summit", "zusammenkunft"))
	// sign
	addAll(many(v("sign"), "unterzeichnen", "unterzeichnet", "unterzeichnete", "unterzeichneten",
		"unterschreiben", "unterschrieb", "unterschrieben", "sign", "signs", "signed", "signing"))
	addAll(many(n("sign"), "unterzeichnung"))
	// support
	addAll(many(v("support"), "unterstützen", "unterstützt", "unterstützte", "unterstützten",
		"supports", "supported", "backed", "praised", "praises", "endorsed", "endorses", "hailed",
		"lobte", "lobten", "gelobt", "congratulated", "congratulates", "gratulierte"))
	// weapons deliveries
	addAll(many(verbNeed("arms", weaponStems...), "liefern", "liefert", "lieferte", "lieferten", "geliefert",
		"beliefert", "beliefern", "belieferte", "delivers", "delivered", "deliver", "supplies", "supplied", "supply", "ships", "shipped", "sent", "send",
		"sends", "provided", "provides", "provide"))
	addAll(many(n("arms"), "waffenlieferungen", "waffenlieferung", "rüstungslieferungen"))
	// criticize
	addAll(many(v("criticize"), "kritisieren", "kritisiert", "kritisierte", "kritisierten", "verurteilt",
		"verurteilte", "verurteilten", "criticize", "criticizes", "criticized", "criticise", "criticises",
		"criticised", "condemned", "condemns", "denounced", "slammed", "slams"))
	// accuse
	addAll(many(v("accuse"), "beschuldigt", "beschuldigte", "beschuldigten", "beschuldigen", "bezichtigt",
		"vorgeworfen", "vorwerfen", "accuse", "accuses", "accused", "blames", "blamed"))
	addAll(many(sep("accuse", "vor"), "wirft", "warf", "warfen", "werfen"))
	addAll(many(sep("accuse", "verantwortlich"), "macht", "machen", "machte", "machten", "gemacht"))
	// threaten
	addAll(many(v("threaten"), "droht", "drohte", "drohten", "drohen", "angedroht", "androhen",
		"threatens", "threatened", "threaten", "gedroht"))
	addAll(many(verbNeed("threaten", sanctionStems...), "gewarnt", "warnt", "warnte", "warnten", "warned", "warns"))
	// sanction
	addAll(many(v("sanction"), "sanktionieren", "sanktioniert", "sanktionierte", "sanctioned", "sanctions"))
	addAll(many(verbNeed("sanction", sanctionStems...), "verhängt", "verhängte", "verhängten", "verhängen",
		"imposed", "imposes", "impose"))
	// English phrasal verbs and multi-word expressions; the head word alone
	// does not evoke the action ("called" vs "called on").
	addAll(many(phr("appeal", "on", 1), "call", "calls", "called", "calling"))
	addAll(many(v("appeal"), "urged", "urges", "appealed", "appeals"))
	addAll(many(sep("appeal", "auf"), "fordert", "forderte", "forderten", "ruft", "rief", "riefen"))
	addAll(many(v("appeal"), "appellierte", "appelliert", "aufgefordert", "aufgerufen"))
	addAll(many(trigger{action: "reject", particle: "down", gap: 3, need: rejectStems, near: 6}, "turn", "turns", "turned", "turning"))
	addAll(many(verbNeed("reject", rejectStems...), "abgelehnt", "ausgeschlagen"))
	addAll(many(trigger{action: "reject", need: rejectStems, near: 5}, "rejected", "rejects", "declined", "declines", "rebuffed"))
	addAll(many(sepNeed("reject", "ab", rejectStems...), "lehnt", "lehnte", "lehnten"))
	addAll(many(n("meet"), "talks", "negotiations"))
	addAll(many(phr("visit", "visit", 3), "paid", "pays", "pay", "paying")) // "paid a visit to"
	// arrest, release
	addAll(many(v("arrest"), "arrest", "arrests", "arrested", "arresting", "detained", "detains", "detain",
		"festgenommen", "verhaftet", "verhaftete", "verhafteten", "festnahm", "inhaftiert"))
	addAll(many(n("arrest"), "custody", "festnahme", "verhaftung"))
	addAll(many(sep("arrest", "fest"), "nimmt", "nahm", "nahmen"))
	addAll(many(v("release"), "released", "releases", "freed", "frees", "freigelassen", "freiließ", "freiließen"))
	addAll(many(n("release"), "freilassung"))
	// fire, appoint, resign
	addAll(many(avoid(v("fire"), violenceStems...), "fired", "sacked", "sacks", "dismissed",
		"dismisses", "ousted", "ousts", "entlassen", "entließ", "entließen", "gefeuert", "feuerte", "feuerten"))
	addAll(many(n("fire"), "entlassung", "dismissal"))
	addAll(many(v("appoint"), "appointed", "appoints", "appoint", "hired", "hires", "hire", "ernannt",
		"ernennt", "ernannte", "ernannten", "berufen", "berief", "eingestellt"))
	addAll(many(n("appoint"), "appointment", "ernennung"))
	addAll(many(v("appoint"), "nominated", "nominates"))
	addAll(many(phr("appoint", "as", 5), "named", "names"))
	addAll(many(v("resign"), "resigned", "resigns", "resign", "resigning", "zurückgetreten", "zurücktreten"))
	addAll(many(phr("resign", "down", 1), "step", "steps", "stepped", "stepping"))
	addAll(many(sep("resign", "zurück"), "tritt", "trat", "traten"))
	addAll(many(n("resign"), "resignation", "rücktritt", "rücktritts"))
	// attack, kill, die
	addAll(many(v("attack"), "attacked", "attacks", "attack", "bombed", "bombs", "shelled", "stormed",
		"angegriffen", "bombardiert", "bombardierte"))
	addAll(many(sep("attack", "an"), "greift", "griff", "griffen"))
	addAll(many(n("attack"), "airstrike", "airstrikes", "luftangriff", "luftangriffe"))
	addAll(many(verbNeed("attack", violenceStems...), "fired", "launched", "launches"))
	addAll(many(v("kill"), "killed", "kills", "kill", "killing", "murdered", "assassinated",
		"getötet", "tötete", "töteten", "ermordet", "erschossen"))
	addAll(many(v("die"), "died", "dies", "gestorben", "starb", "starben")) // not "die": a German article
	// no nouns for die: "death penalty", "death toll", "vor dessen Tod" name no event of their own
	// win, elect
	addAll(many(v("win"), "won", "wins", "elected", "re-elected", "reelected", "gewann", "gewonnen",
		"gewählt", "wiedergewählt"))
	return m
}()

// selfActions are said of their subject alone: "X was elected", "X died".
var selfActions = map[string]bool{"win": true, "die": true, "resign": true}

// symmetric actions have interchangeable participants: "X and Y met".
var symmetric = map[string]bool{"meet": true, "sign": true}

// sourceCue words mark a following/preceding mention as a source, not an actor.
var sourceBefore = map[string]bool{
	"laut": true, "sagte": true, "sagten": true, "berichtete": true, "berichteten": true, "meldete": true,
	"nachrichtenagentur": true, "staatsagentur": true, "agentur": true, "zeitung": true, "according": true,
	"said": true, "told": true, "reported": true, "agency": true, "berichtet": true, "schrieb": true,
}

// speechVerbs after a German name make it a speaker when a comma follows.
var speechVerbs = map[string]bool{"sagte": true, "sagten": true, "erklärte": true, "erklärten": true,
	"betonte": true, "warnte": true}

var pronounsDE = map[string]bool{"er": true, "sie": true, "es": true, "man": true, "wir": true, "ich": true}

var sourceAfter = map[string]bool{"zufolge": true, "berichtete": true, "meldete": true, "reported": true}

// placePreps introduce the place of an event.
var placePreps = map[string]bool{"in": true, "im": true, "nach": true, "bei": true, "auf": true, "at": true, "to": true}

var negations = map[string]bool{"nicht": true, "kein": true, "keine": true, "keinen": true, "keiner": true,
	"nie": true, "niemals": true, "not": true, "never": true, "no": true}

// demonyms turn "nordkoreanische Regierung" into the country.
var demonyms = map[string]string{
	"nordkoreanisch": "Nordkorea", "südkoreanisch": "Südkorea", "russisch": "Russland",
	"amerikanisch": "USA", "chinesisch": "China", "japanisch": "Japan",
	"ukrainisch": "Ukraine", "deutsch": "Deutschland", "iranisch": "Iran",
}

var govNouns = map[string]bool{"regierung": true, "führung": true, "regime": true, "behörden": true,
	"staatsführung": true, "government": true, "leadership": true}

// timeWords follow "on" in dates, not in phrasal verbs ("called on Monday").
var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true}
