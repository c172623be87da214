package ner

// Curated lists written for newsweave. They complement the Debian data
// (iso-codes, geonames, wngerman, Ding): first names for the tagger's
// gazetteer features, news organisations, a few cities' countries, and a
// small alias table of well-known entities. The resolution mechanism itself
// is general (transliteration keys, in-document partial names, exonyms);
// these tables only seed it.

// firstNames are common given names (German, international, transliterated
// Russian/Arabic, Korean given-name syllables are handled by the tagger).
var firstNames = splitWords(`
Adam Adolf Ahmed Ahmad Alain Alan Albert Alexander Alexandra Alexej Alexei Alexey Alfred Ali Alice Alina Alois Amir Amy Andrea Andreas Andrej Andrei Andrew Andy Angela Angelika Anja Anke Ann Anna Anne Annalena Annegret Anton Antonio Armin Arnold Arthur Axel
Barack Barbara Bashar Baschar Beate Ben Benjamin Bernd Bernhard Bert Bettina Bill Birgit Bob Boris Brigitte Bruno Burkhard
Carl Carlos Carmen Caroline Catherine Charles Charlotte Chris Christa Christian Christiane Christina Christine Christoph Christopher Claudia Claus Cem Dagmar Daniel Daniela Danny David Dennis Detlef Dieter Dietmar Dirk Dmitri Dmitrij Dmitry Dominik Donald Doris Dorothea
Edgar Edmund Eduard Elena Elisabeth Elizabeth Ella Elke Emil Emily Emma Emmanuel Erdogan Eric Erich Erik Ernst Erwin Eva Evelyn
Fabian Felix Ferdinand Florian Frank Franz Franziska Friedrich Fritz Gabriel Gabriele Georg George Gerd Gerhard Gert Gisela Gregor Günter Günther Guido Gustav
Hannah Hannelore Hans Harald Harry Hartmut Hassan Heidi Heike Heiko Heinrich Heinz Helene Helga Helmut Hendrik Henry Herbert Hermann Horst Hubert Hugo Hussein Igor Ilse Ingo Ingrid Irene Iris Isabel Iwan Ivan
Jacob Jakob James Jan Jana Jane Janet Jens Jean Jennifer Jeremy Jerzy Jessica Jim Joachim Jochen Joe Johann Johanna Johannes John Jonas Jonathan Jörg Josef Joseph Jürgen Julia Julian Juliane Julius Juri Yuri Jutta
Karin Karl Karsten Katharina Kathrin Katja Kerstin Kevin Klaus Konrad Kristina Kurt Lars Laura Lea Lena Leon Leonid Lothar Louis Lukas Lutz Manfred Manuela Marc Marcel Marco Maria Marie Marina Mario Mark Markus Marta Martin Martina Mary Matthias Matthew Max Maximilian Mehmet Melanie Michael Michail Mikhail Michel Michelle Mike Mohammed Muhammad Monika
Nadine Natalia Natalja Nicola Nicolas Niklas Nikolai Nikolaj Nina Norbert Olaf Oleg Oliver Olga Oskar Otto Pascal Patricia Patrick Paul Paula Peter Petra Philipp Pierre Rainer Ralf Ramzan Reinhard Renate Richard Robert Roland Rolf Roman Rudolf Rüdiger
Sabine Sahra Sandra Sara Sarah Sascha Sebastian Sergej Sergei Sergey Silke Simon Simone Sigmar Sophie Stefan Stefanie Steffen Stephan Steve Steven Susanne Sven Svenja Theo Theresa Thomas Thorsten Tim Tobias Tom Torsten Udo Ulf Ulrich Ulrike Ursula Uwe Valentina Viktor Vladimir Volker Waldemar Walter Werner Wilhelm Willi Winfried Wladimir Wolfgang Xi Yoon Yves
Aaron Abigail Alexis Amanda Anthony Ashley Betty Beverly Billy Bobby Brandon Brenda Brian Britney Brittany Bruce Bryan
Carol Carolyn Cheryl Cynthia Danielle Debra Deborah Denise Donna Douglas Dylan Edward Elton Ethan Eugene Gary Gerald Gloria Gregory
Harold Heather Jacqueline Janice Jason Jeffrey Jerry Jesse Johnny Jose Joshua Joyce Juan Judith Judy Julie Justin
Karen Kathleen Kathryn Katherine Kayla Keith Kenneth Kimberly Kyle Larry Lauren Lawrence Linda Lindsay Lisa Lori
Margaret Marilyn Martha Maurice Megan Melissa Nancy Natalie Nathan Nicholas Nicole Noah Olivia Pamela Philip Rachel Ralph
Randy Raymond Rebecca Ricky Roger Ronald Russell Ruth Ryan Sam Samantha Samuel Scott Sean Sharon Shawn Shirley Sophia
Stephanie Stephen Susan Tara Terry Timothy Tyler Vincent Wayne William Willie Zachary
`)

// orgNames are news organisations, agencies, parties and institutions often
// named in the news, as (alias; alias; ...) → canonical name.
var orgNames = [][]string{
	{"Reuters", "Thomson Reuters", "rtr"},
	{"Deutsche Presse-Agentur", "dpa", "Deutsche Presseagentur"},
	{"Agence France-Presse", "AFP"},
	{"Associated Press", "AP"},
	{"TASS", "Tass", "Itar-Tass", "ITAR-TASS"},
	{"RIA Novosti", "RIA Nowosti", "Ria"},
	{"Interfax", "Interfax"},
	{"Korean Central News Agency", "KCNA", "KCNA"},
	{"Yonhap", "Yonhap"},
	{"Kyodo", "Kyodo"},
	{"Xinhua", "Xinhua", "Neues China"},
	{"Asahi Shimbun", "Asahi"},
	{"Daily NK"},
	{"Federal Bureau of Investigation", "FBI"},
	{"Central Intelligence Agency", "CIA"},
	{"National Security Agency", "NSA"},
	{"Center for Strategic and International Studies", "CSIS"},
	{"United Nations", "UN", "UNO", "Vereinte Nationen", "Vereinten Nationen"},
	{"UN Security Council", "UN-Sicherheitsrat", "Weltsicherheitsrat", "Sicherheitsrat"},
	{"European Union", "EU", "Europäische Union", "Europäischen Union"},
	{"NATO", "Nato"},
	{"Kremlin", "Kreml"},
	{"White House", "Weißes Haus", "Weißen Haus", "Weißen Hauses"},
	{"Pentagon"},
	{"US Department of State", "US-Außenministerium", "State Department"},
	{"Workers' Party of Korea", "Arbeiterpartei", "Partei der Arbeit Koreas"},
	{"Bundestag"}, {"Bundesrat"}, {"Bundesregierung"}, {"Bundeswehr"},
	{"CDU"}, {"CSU"}, {"SPD"}, {"FDP"}, {"AfD"}, {"Die Linke", "Linke", "Linkspartei"}, {"Bündnis 90/Die Grünen", "Grünen", "Grüne"},
	{"SED"}, {"Gazprom"}, {"Rosneft"}, {"Roskosmos"}, {"Samsung"}, {"Sony"}, {"Sony Pictures"},
	{"Siemens"}, {"Volkswagen", "VW"}, {"BMW"}, {"Daimler"}, {"Deutsche Bank"}, {"Commerzbank"}, {"Lufthansa"},
	{"Google"}, {"Apple"}, {"Microsoft"}, {"Amazon"}, {"Facebook", "Meta"}, {"Twitter"},
	{"Frankfurter Allgemeine Zeitung", "FAZ", "F.A.Z.", "FAZ.NET"},
	{"Süddeutsche Zeitung", "SZ"}, {"Der Spiegel", "Spiegel"}, {"Die Zeit", "Zeit"}, {"Bild", "Bild-Zeitung"},
	{"taz"}, {"Handelsblatt"}, {"Die Welt", "Welt"}, {"New York Times"}, {"Washington Post"}, {"BBC"}, {"CNN"},
	{"ARD"}, {"ZDF"}, {"Tagesschau"}, {"Der Standard", "derStandard"}, {"Bundesliga"}, {"FC Bayern", "FC Bayern München", "Bayern München"},
	{"Borussia Dortmund", "BVB"}, {"Europäische Zentralbank", "EZB"}, {"Internationaler Währungsfonds", "IWF"},
	{"Weltbank"}, {"OSZE"}, {"OPEC"}, {"G7"}, {"G20"}, {"Hamas"}, {"Hisbollah"}, {"Taliban"},
	{"Europäisches Parlament", "Europaparlament", "Europäischen Parlaments", "Europäische Parlament", "Europäischen Parlament"},
	{"Europäische Kommission", "EU-Kommission", "Kommission"},
}

// knownEntities is the alias table for well-known entities: canonical
// English name, type, country, aliases (any spelling). Spelling variants
// not listed are still matched through the transliteration key.
var knownEntities = []struct {
	Name, Type, Country string
	Aliases             []string
}{
	{"Vladimir Putin", "PER", "RU", []string{"Putin", "Wladimir Putin", "Wladimir Wladimirowitsch Putin"}},
	{"Kim Jong Un", "PER", "KP", []string{"Kim Jong-un", "Kim Jung-un", "Kim Jong Un"}},
	{"Kim Jong Il", "PER", "KP", []string{"Kim Jong-il", "Kim Jong Il"}},
	{"Kim Il Sung", "PER", "KP", []string{"Kim Il-sung", "Kim Il Sung"}},
	{"Dmitry Peskov", "PER", "RU", []string{"Dmitri Peskow", "Peskow", "Peskov"}},
	{"Sergey Lavrov", "PER", "RU", []string{"Sergej Lawrow", "Lawrow", "Lavrov"}},
	{"Sergei Shoigu", "PER", "RU", []string{"Sergej Schoigu", "Schoigu", "Shoigu"}},
	{"Dmitry Medvedev", "PER", "RU", []string{"Dmitri Medwedew", "Medwedew", "Medvedev"}},
	{"Volodymyr Zelensky", "PER", "UA", []string{"Wolodymyr Selenskyj", "Selenskyj", "Zelensky", "Zelenskyy"}},
	{"Xi Jinping", "PER", "CN", []string{"Xi Jinping", "Xi"}},
	{"Angela Merkel", "PER", "DE", []string{"Merkel"}},
	{"Olaf Scholz", "PER", "DE", []string{"Scholz"}},
	{"Donald Trump", "PER", "US", []string{"Trump"}},
	{"Joe Biden", "PER", "US", []string{"Biden"}},
	{"Barack Obama", "PER", "US", []string{"Obama"}},
	{"Adolf Hitler", "PER", "DE", []string{"Hitler"}},
	{"Vostochny Cosmodrome", "LOC", "RU", []string{"Wostotschny", "Vostochny", "Kosmodrom Wostotschny", "Weltraumbahnhof Wostotschny"}},
	{"Korean Peninsula", "LOC", "", []string{"koreanische Halbinsel", "Koreanische Halbinsel"}},
	{"Russia", "LOC", "RU", []string{"Russland", "Russische Föderation", "Russian Federation"}},
	{"United States", "LOC", "US", []string{"USA", "US", "Vereinigte Staaten", "Vereinigten Staaten", "Amerika", "U.S.", "America"}},
	{"United Kingdom", "LOC", "GB", []string{"Großbritannien", "Britain", "Great Britain", "UK", "Vereinigtes Königreich"}},
	{"North Korea", "LOC", "KP", []string{"Nordkorea", "DVRK", "Demokratische Volksrepublik Korea", "DPRK"}},
	{"South Korea", "LOC", "KR", []string{"Südkorea", "Republik Korea"}},
	{"Turkey", "LOC", "TR", []string{"Türkei", "Türkiye"}},
	{"Europe", "LOC", "", []string{"Europa"}},
	{"Asia", "LOC", "", []string{"Asien"}},
	{"Africa", "LOC", "", []string{"Afrika"}},
	{"Amur Oblast", "LOC", "RU", []string{"Amur-Region", "Amur"}},
	{"Siberia", "LOC", "RU", []string{"Sibirien"}},
	{"Crimea", "LOC", "UA", []string{"Krim"}},
	{"Middle East", "LOC", "", []string{"Nahost", "Naher Osten", "Nahen Osten"}},
}

// cityCountry gives the country of major news cities (English geonames
// names); other places get a country from iso-codes subdivisions or none.
var cityCountry = map[string]string{
	"Moscow": "RU", "Saint Petersburg": "RU", "Vladivostok": "RU", "Khabarovsk": "RU", "Novosibirsk": "RU",
	"Yekaterinburg": "RU", "Kazan": "RU", "Sochi": "RU", "Kaliningrad": "RU", "Murmansk": "RU", "Irkutsk": "RU",
	"Pyongyang": "KP", "Kaesong": "KP", "Wonsan": "KP", "Seoul": "KR", "Busan": "KR", "Incheon": "KR",
	"Tokyo": "JP", "Osaka": "JP", "Kyoto": "JP", "Hiroshima": "JP", "Beijing": "CN", "Shanghai": "CN", "Hong Kong": "HK",
	"Washington": "US", "New York": "US", "New York City": "US", "Los Angeles": "US", "Chicago": "US", "San Francisco": "US",
	"Berlin": "DE", "Hamburg": "DE", "Munich": "DE", "Cologne": "DE", "Frankfurt am Main": "DE", "Frankfurt": "DE",
	"Stuttgart": "DE", "Düsseldorf": "DE", "Dresden": "DE", "Leipzig": "DE", "Bonn": "DE", "Hanover": "DE", "Bremen": "DE",
	"Nuremberg": "DE", "Dortmund": "DE", "Essen": "DE", "Mainz": "DE", "Wiesbaden": "DE", "Potsdam": "DE",
	"Vienna": "AT", "Graz": "AT", "Salzburg": "AT", "Linz": "AT", "Innsbruck": "AT", "Zurich": "CH", "Geneva": "CH", "Bern": "CH", "Basel": "CH",
	"Paris": "FR", "London": "GB", "Rome": "IT", "Madrid": "ES", "Brussels": "BE", "Amsterdam": "NL", "The Hague": "NL",
	"Warsaw": "PL", "Prague": "CZ", "Budapest": "HU", "Kyiv": "UA", "Kiev": "UA", "Kharkiv": "UA", "Odesa": "UA", "Odessa": "UA",
	"Minsk": "BY", "Ankara": "TR", "Istanbul": "TR", "Tehran": "IR", "Baghdad": "IQ", "Damascus": "SY", "Jerusalem": "IL",
	"Tel Aviv": "IL", "Cairo": "EG", "Riyadh": "SA", "Kabul": "AF", "Islamabad": "PK", "New Delhi": "IN", "Delhi": "IN",
	"Mumbai": "IN", "Bangkok": "TH", "Hanoi": "VN", "Manila": "PH", "Jakarta": "ID", "Ulaanbaatar": "MN", "Taipei": "TW",
	"Stockholm": "SE", "Oslo": "NO", "Copenhagen": "DK", "Helsinki": "FI", "Lisbon": "PT", "Athens": "GR", "Dublin": "IE",
	"Ottawa": "CA", "Toronto": "CA", "Mexico City": "MX", "Havana": "CU", "Caracas": "VE", "Brasília": "BR", "Buenos Aires": "AR",
	"Canberra": "AU", "Sydney": "AU", "Luxembourg": "LU", "Strasbourg": "FR", "Belgrade": "RS", "Bucharest": "RO", "Sofia": "BG",
	"Riga": "LV", "Vilnius": "LT", "Tallinn": "EE", "Tbilisi": "GE", "Yerevan": "AM", "Baku": "AZ", "Astana": "KZ", "Almaty": "KZ",
}

func splitWords(s string) []string {
	var out []string
	w := ""
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' {
			if w != "" {
				out = append(out, w)
			}
			w = ""
			continue
		}
		w += string(r)
	}
	if w != "" {
		out = append(out, w)
	}
	return out
}
