package events_test

import (
	"testing"

	"github.com/newsweave/newsweave/analyze/events"
)

// enHeldOut (set A) are invented sentences written after the first rules
// and measured blind once (precision 0.947, recall 0.621); the lexical gaps
// they showed (travel, named, praised, launched rockets, …) were then
// filled, so they are no longer blind. enHeldOutB was written after that
// and its first measurement is the one reported in the README. enCases is
// the development set and passes in full by construction.
var enHeldOut = []enCase{
	{"Turkey's President Recep Tayyip Erdogan invited Volodymyr Zelensky to Istanbul for peace talks.",
		"Turkey/LOC|Recep Tayyip Erdogan/PER|Volodymyr Zelensky/PER|Istanbul/LOC", []string{"invite Recep Tayyip Erdogan>Volodymyr Zelensky"}, ""},
	{"Chancellor Olaf Scholz travelled to Beijing on Thursday.", "Olaf Scholz/PER|Beijing/LOC", []string{"visit Olaf Scholz>Beijing"}, ""},
	{"Pope Francis will travel to Iraq in March.", "Pope Francis/PER|Iraq/LOC", []string{"visit Pope Francis>Iraq ~"}, ""},
	{"The talks between Israel and Hamas were mediated by Egypt.", "Israel/LOC|Hamas/ORG|Egypt/LOC", []string{"meet Israel>Hamas"}, ""},
	{"Germany and France have agreed to sign a new defence pact.", "Germany/LOC|France/LOC", []string{"sign Germany>France ~"}, ""},
	{"Iran did not attend the meeting in Vienna.", "Iran/LOC|Vienna/LOC", []string{"meet Iran> !"}, ""},
	{"Washington accused Beijing of cyber espionage on Tuesday.", "Washington/LOC|Beijing/LOC", []string{"accuse Washington>Beijing"}, ""},
	{"The sanctions imposed by the European Union on Belarus.", "European Union/ORG|Belarus/LOC", []string{"sanction European Union>Belarus"}, ""},
	{"Canada announced sanctions against three Russian banks.", "Canada/LOC", []string{"sanction Canada>"}, ""},
	{"Emmanuel Macron criticised Viktor Orban over migration.", "Emmanuel Macron/PER|Viktor Orban/PER", []string{"criticize Emmanuel Macron>Viktor Orban"}, ""},
	{"The opposition leader Alexei Navalny was arrested at a Moscow airport.", "Alexei Navalny/PER|Moscow/LOC", []string{"arrest >Alexei Navalny"}, ""},
	{"Russia freed Paul Whelan in exchange for a Russian arms dealer.", "Russia/LOC|Paul Whelan/PER", []string{"release Russia>Paul Whelan"}, ""},
	{"Twitter fired its chief executive Parag Agrawal.", "Twitter/ORG|Parag Agrawal/PER", []string{"fire Twitter>Parag Agrawal"}, ""},
	{"Rishi Sunak named David Cameron as foreign secretary.", "Rishi Sunak/PER|David Cameron/PER", []string{"appoint Rishi Sunak>David Cameron"}, ""},
	{"Former president Jimmy Carter died on Sunday at his home in Plains.", "Jimmy Carter/PER|Plains/LOC", []string{"die Jimmy Carter>"}, ""},
	{"Javier Milei won Argentina's presidential election.", "Javier Milei/PER|Argentina/LOC", []string{"win Javier Milei>"}, ""},
	{"Ukrainian drones attacked an oil refinery in Russia.", "Russia/LOC", []string{"attack >Russia"}, ""},
	{"Hezbollah launched rockets at northern Israel.", "Hezbollah/ORG|Israel/LOC", []string{"attack Hezbollah>Israel"}, ""},
	{"A Palestinian gunman killed two Israelis in Jerusalem.", "Jerusalem/LOC", nil, ""},
	{"Slovakia's prime minister Robert Fico was shot and wounded.", "Slovakia/LOC|Robert Fico/PER", []string{"attack >Robert Fico"}, ""},
	{"Kim Jong Un told state media that North Korea would never give up its nuclear weapons.", "Kim Jong Un/PER|North Korea/LOC", nil, ""},
	{"Brazil's President Lula da Silva met Xi Jinping in Beijing last year.", "Brazil/LOC|Lula da Silva/PER|Xi Jinping/PER|Beijing/LOC", []string{"meet Lula da Silva>Xi Jinping"}, ""},
	{"Hungary blocked EU aid to Ukraine, diplomats said.", "Hungary/LOC|EU/ORG|Ukraine/LOC", nil, ""},
	{"Joe Biden praised Japan and South Korea for their cooperation.", "Joe Biden/PER|Japan/LOC|South Korea/LOC", []string{"support Joe Biden>Japan", "support Joe Biden>South Korea"}, ""},
	{"The prime minister of Israel, Benjamin Netanyahu, rejected calls for a ceasefire.", "Israel/LOC|Benjamin Netanyahu/PER", []string{"reject Benjamin Netanyahu>"}, ""},
	{"Armenia and Azerbaijan failed to sign a peace treaty in Washington.", "Armenia/LOC|Azerbaijan/LOC|Washington/LOC", []string{"sign Armenia>Azerbaijan !"}, ""},
	{"The United States is expected to send more air defence missiles to Kyiv.", "United States/LOC|Kyiv/LOC", []string{"arms United States>Kyiv ~"}, ""},
	{"Xi Jinping was welcomed by Joe Biden in Woodside.", "Xi Jinping/PER|Joe Biden/PER|Woodside/LOC", []string{"host Joe Biden>Xi Jinping"}, ""},
	{"Greta Thunberg was detained by Dutch police in The Hague.", "Greta Thunberg/PER|The Hague/LOC", []string{"arrest >Greta Thunberg"}, ""},
	{"Sweden officially joined NATO on Thursday.", "Sweden/LOC|NATO/ORG", nil, ""},
	{"North Korea accused the United States of planning an invasion, KCNA said.", "North Korea/LOC|United States/LOC|KCNA/ORG", []string{"accuse North Korea>United States"}, ""},
	{"Macron's meeting with Xi lasted three hours.", "Macron/PER|Xi/PER", []string{"meet Macron>Xi"}, ""},
}

var enHeldOutB = []enCase{
	{"Egypt's foreign minister Sameh Shoukry met his Israeli counterpart Eli Cohen in Cairo on Tuesday.",
		"Egypt/LOC|Sameh Shoukry/PER|Eli Cohen/PER|Cairo/LOC", []string{"meet Sameh Shoukry>Eli Cohen"}, ""},
	{"Britain summoned the Russian ambassador after the poisoning of Sergei Skripal.", "Britain/LOC|Sergei Skripal/PER", nil, ""},
	{"The Netherlands will deliver F-16 fighter jets to Ukraine.", "Netherlands/LOC|Ukraine/LOC", []string{"arms Netherlands>Ukraine ~"}, ""},
	{"Police detained two suspects in Brussels on Sunday.", "Brussels/LOC", nil, ""},
	{"Hamas released four Israeli hostages on Saturday.", "Hamas/ORG", []string{"release Hamas>"}, ""},
	{"Former Pakistani prime minister Imran Khan was arrested in Islamabad on Tuesday.", "Imran Khan/PER|Islamabad/LOC", []string{"arrest >Imran Khan"}, ""},
	{"The Kremlin denied that Vladimir Putin had met Yevgeny Prigozhin.", "Kremlin/ORG|Vladimir Putin/PER|Yevgeny Prigozhin/PER",
		[]string{"meet Vladimir Putin>Yevgeny Prigozhin !"}, ""},
	{"Spain, Ireland and Norway recognised Palestine as a state.", "Spain/LOC|Ireland/LOC|Norway/LOC|Palestine/LOC", nil, ""},
	{"Joe Biden signed the Inflation Reduction Act into law on Tuesday.", "Joe Biden/PER|Inflation Reduction Act/ORG", []string{"sign Joe Biden>"}, ""},
	{"China condemned the visit of Nancy Pelosi to Taiwan.", "China/LOC|Nancy Pelosi/PER|Taiwan/LOC",
		[]string{"criticize China>Nancy Pelosi", "visit Nancy Pelosi>Taiwan"}, ""},
	{"Nancy Pelosi arrived in Taipei late on Tuesday.", "Nancy Pelosi/PER|Taipei/LOC", []string{"visit Nancy Pelosi>Taipei"}, ""},
	{"Germany's defence minister Boris Pistorius visited troops in Lithuania.", "Germany/LOC|Boris Pistorius/PER|Lithuania/LOC",
		[]string{"visit Boris Pistorius>Lithuania"}, ""},
	{"Tehran accused Israel of killing Ismail Haniyeh in a strike in Tehran.", "Tehran/LOC|Israel/LOC|Ismail Haniyeh/PER",
		[]string{"accuse Tehran>Israel", "kill Israel>Ismail Haniyeh"}, ""},
	{"The European Commission fined Apple 1.8 billion euros.", "European Commission/ORG|Apple/ORG", nil, ""},
	{"Kevin McCarthy was ousted as House speaker.", "Kevin McCarthy/PER", []string{"fire >Kevin McCarthy"}, ""},
	{"Sebastian Kurz resigned as Austrian chancellor in October 2021.", "Sebastian Kurz/PER", []string{"resign Sebastian Kurz>"}, ""},
	{"Vladimir Putin threatened to use nuclear weapons.", "Vladimir Putin/PER", []string{"threaten Vladimir Putin>"}, ""},
	{"Narendra Modi congratulated Donald Trump on his election victory.", "Narendra Modi/PER|Donald Trump/PER",
		[]string{"support Narendra Modi>Donald Trump"}, ""},
	{"Xi Jinping will host Vladimir Putin in Beijing next month.", "Xi Jinping/PER|Vladimir Putin/PER|Beijing/LOC",
		[]string{"host Xi Jinping>Vladimir Putin ~"}, ""},
	{"Turkey blocked Sweden's bid to join NATO.", "Turkey/LOC|Sweden/LOC|NATO/ORG", nil, ""},
	{"The two leaders did not sign a joint statement.", "", nil, ""},
	{"Israel launched air strikes on Gaza on Friday.", "Israel/LOC|Gaza/LOC", []string{"attack Israel>Gaza"}, ""},
	{"Benjamin Netanyahu's meeting with Joe Biden was postponed.", "Benjamin Netanyahu/PER|Joe Biden/PER",
		[]string{"meet Benjamin Netanyahu>Joe Biden"}, ""},
	{"The summit between Kim Jong Un and Donald Trump ended abruptly.", "Kim Jong Un/PER|Donald Trump/PER",
		[]string{"meet Kim Jong Un>Donald Trump"}, ""},
	{"Poland accused Belarus of sending migrants across the border.", "Poland/LOC|Belarus/LOC", []string{"accuse Poland>Belarus"}, ""},
	{"According to Reuters, Saudi Arabia invited Iran to a regional summit.", "Reuters/ORG|Saudi Arabia/LOC|Iran/LOC",
		[]string{"invite Saudi Arabia>Iran"}, ""},
	{"Kim Jong Un said North Korea would strengthen its nuclear forces.", "Kim Jong Un/PER|North Korea/LOC", nil, ""},
	{"Pope Francis met the Dalai Lama, a Vatican spokesman said.", "Pope Francis/PER|Dalai Lama/PER|Vatican/ORG",
		[]string{"meet Pope Francis>Dalai Lama"}, ""},
	{"Armed men killed the mayor of Oaxaca, Juan Perez, on Monday.", "Oaxaca/LOC|Juan Perez/PER", []string{"kill >Juan Perez"}, ""},
	{"Ukraine and Russia exchanged prisoners on Wednesday.", "Ukraine/LOC|Russia/LOC", nil, ""},
	{"Canada expelled an Indian diplomat.", "Canada/LOC", nil, ""},
}

// TestEnglishHeldOut reports precision/recall on the held-out sentences;
// it fails only on a collapse, the figures are for the README.
func TestEnglishHeldOut(t *testing.T) {
	for _, set := range []struct {
		name  string
		cases []enCase
	}{{"A", enHeldOut}, {"B", enHeldOutB}} {
		t.Run(set.name, func(t *testing.T) { heldOut(t, set.cases) })
	}
}

func heldOut(t *testing.T, cases []enCase) {
	x := events.New()
	var tp, fp, fn, flagOK int
	for _, c := range cases {
		a := enArticle(t, c.text, c.ents, "2014-12-20")
		evs, _ := x.Extract(a)
		ctp, cfp, cfn, cok, msgs := scoreTriples(evs, c.gold)
		tp, fp, fn, flagOK = tp+ctp, fp+cfp, fn+cfn, flagOK+cok
		for _, m := range msgs {
			t.Logf("%s in %q", m, c.text)
		}
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("held-out English triples: %d sentences, %d gold, %d found, precision %.3f, recall %.3f, flags right %d/%d",
		len(cases), tp+fn, tp+fp, p, r, flagOK, tp)
	if p < 0.6 || r < 0.4 {
		t.Errorf("precision %.3f / recall %.3f: collapse", p, r)
	}
}
