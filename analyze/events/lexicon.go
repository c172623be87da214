package events

// Action codes and their CAMEO event codes (CAMEO 1.1b3).
//
//	action     CAMEO  CAMEO name
//	invite     036    Express intent to meet or negotiate (the inviter offers a meeting)
//	accept     036    Express intent to meet or negotiate (accepting an invitation to meet/visit)
//	visit      042    Make a visit
//	host       043    Host a visit
//	meet       040    Consult, not specified (meetings, summits)
//	sign       057    Sign formal agreement
//	support    051    Praise or endorse (verbal/political support)
//	arms       072    Provide military aid (deliver weapons)
//	criticize  111    Criticize or denounce
//	accuse     112    Accuse, not specified
//	threaten   130    Threaten, not specified (1312 with sanctions, 138 with military force)
//	sanction   163    Impose embargo, boycott, or sanctions
var cameo = map[string]string{
	"invite": "036", "accept": "036", "visit": "042", "host": "043", "meet": "040", "sign": "057",
	"support": "051", "arms": "072", "criticize": "111", "accuse": "112", "threaten": "130",
	"sanction": "163",
}

// trigger is a word form that evokes an action. particle is the separated
// German verb particle that must follow in the clause ("lädt … ein"); need
// is a word stem one of which must occur in the sentence ("Einladung" for accept).
type trigger struct {
	action   string
	particle string
	need     []string
	noun     bool
}

func v(action string) trigger                   { return trigger{action: action} }
func n(action string) trigger                   { return trigger{action: action, noun: true} }
func sep(action, particle string) trigger       { return trigger{action: action, particle: particle} }
func sepNeed(a, p string, s ...string) trigger  { return trigger{action: a, particle: p, need: s} }
func nounNeed(a string, s ...string) trigger    { return trigger{action: a, noun: true, need: s} }
func verbNeed(a string, s ...string) trigger    { return trigger{action: a, need: s} }
func many(t trigger, forms ...string) []wordTrg { return forTrigger(t, forms) }

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
var sanctionStems = []string{"sanktion", "sanction", "strafmaßnahme", "embargo"}
var weaponStems = []string{"waffe", "weapon", "rakete", "missile", "munition", "ammunition", "artillerie",
	"granate", "rüstung", "arms", "panzer", "drohne", "drone", "militärgüter"}

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
	addAll(many(verbNeed("visit", "nach", "to"), "reist", "reiste", "reisten", "reisen", "travels", "travelled", "traveled"))
	// host
	addAll(many(v("host"), "empfängt", "empfing", "empfingen", "empfangen", "hosts", "hosted", "hosting"))
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
		"supports", "supported", "backs", "backed"))
	// weapons deliveries
	addAll(many(verbNeed("arms", weaponStems...), "liefern", "liefert", "lieferte", "lieferten", "geliefert",
		"beliefert", "beliefern", "belieferte", "delivers", "delivered", "supplies", "supplied", "ships", "shipped"))
	addAll(many(n("arms"), "waffenlieferungen", "waffenlieferung", "rüstungslieferungen"))
	// criticize
	addAll(many(v("criticize"), "kritisieren", "kritisiert", "kritisierte", "kritisierten", "verurteilt",
		"verurteilte", "verurteilten", "criticize", "criticizes", "criticized", "criticise", "criticises",
		"criticised", "condemned", "condemns", "denounced"))
	// accuse
	addAll(many(v("accuse"), "beschuldigt", "beschuldigte", "beschuldigten", "beschuldigen", "bezichtigt",
		"vorgeworfen", "vorwerfen", "accuse", "accuses", "accused", "blames", "blamed"))
	addAll(many(sep("accuse", "vor"), "wirft", "warf", "warfen", "werfen"))
	addAll(many(sep("accuse", "verantwortlich"), "macht", "machen", "machte", "machten", "gemacht"))
	// threaten
	addAll(many(v("threaten"), "droht", "drohte", "drohten", "drohen", "angedroht", "androhen",
		"threatens", "threatened", "threaten"))
	addAll(many(verbNeed("threaten", sanctionStems...), "gewarnt", "warnt", "warnte", "warnten", "warned", "warns"))
	// sanction
	addAll(many(v("sanction"), "sanktionieren", "sanktioniert", "sanktionierte", "sanctioned", "sanctions"))
	addAll(many(verbNeed("sanction", sanctionStems...), "verhängt", "verhängte", "verhängten", "verhängen",
		"imposed", "imposes", "impose"))
	return m
}()

// sourceCue words mark a following/preceding mention as a source, not an actor.
var sourceBefore = map[string]bool{
	"laut": true, "sagte": true, "sagten": true, "berichtete": true, "berichteten": true, "meldete": true,
	"nachrichtenagentur": true, "staatsagentur": true, "agentur": true, "zeitung": true, "according": true,
	"said": true, "told": true, "reported": true, "agency": true, "berichtet": true, "schrieb": true,
}

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
