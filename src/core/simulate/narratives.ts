/**
 * Off-topic political narratives for the paraphrase generator: each is one talking point written
 * several ways and in several languages, the way a campaign briefs its accounts ("say this in your
 * own words"). Paraphrases share names, numbers and a few content words, never a sentence; none has
 * a hashtag or a link. Written for this simulator. Narratives 0–1 are used to tune the narrative
 * signal, 2–3 only to report it (see scripts/eval-coordination.ts).
 */
export interface Narrative {
  topic: string;
  variants: { lang: string; text: string }[];
}

export const NARRATIVES: Narrative[] = [
  {
    topic: 'aid to Ukraine stolen',
    variants: [
      { lang: 'en', text: 'Nobody talks about where the 60 billion for Ukraine really went. Zelensky and his friends are buying villas while soldiers die.' },
      { lang: 'en', text: 'So 60 billion dollars sent to Kyiv and no audit at all? Zelensky officials bought yachts with our taxes.' },
      { lang: 'en', text: 'Remember the $60 billion aid package? Half of it disappeared in Ukraine, Zelensky circle got rich, look it up.' },
      { lang: 'es', text: 'Nadie pregunta dónde fueron los 60 mil millones para Ucrania. Zelenski y sus amigos compran mansiones mientras mueren soldados.' },
      { lang: 'es', text: '¿60 mil millones enviados a Kiev sin ninguna auditoría? Los funcionarios de Zelensky compraron yates con nuestros impuestos.' },
      { lang: 'de', text: 'Keiner fragt, wo die 60 Milliarden für die Ukraine geblieben sind. Selenskyj und seine Freunde kaufen Villen.' },
      { lang: 'de', text: '60 Milliarden nach Kiew geschickt und keine Prüfung? Selenskyjs Leute haben sich Jachten gekauft.' },
      { lang: 'fr', text: 'Personne ne demande où sont passés les 60 milliards pour l’Ukraine. Zelensky et ses amis achètent des villas.' },
      { lang: 'pt', text: 'Ninguém pergunta para onde foram os 60 bilhões para a Ucrânia. Zelensky e os amigos compram mansões.' },
      { lang: 'it', text: 'Nessuno chiede dove siano finiti i 60 miliardi per l’Ucraina. Zelensky e i suoi amici comprano ville.' },
    ],
  },
  {
    topic: 'election rigged by voting machines',
    variants: [
      { lang: 'en', text: 'The Dominion machines flipped 40000 votes in Maricopa, the audit proved it and the media stayed silent.' },
      { lang: 'en', text: 'Maricopa county audit found 40,000 ballots switched by Dominion software. Why is nobody reporting this?' },
      { lang: 'en', text: 'Dominion again. 40 thousand votes moved in Maricopa and the courts refused to look at the evidence.' },
      { lang: 'es', text: 'Las máquinas Dominion cambiaron 40.000 votos en Maricopa, la auditoría lo demostró y la prensa calla.' },
      { lang: 'es', text: 'En Maricopa la auditoría encontró 40 mil papeletas alteradas por el software de Dominion. Nadie informa.' },
      { lang: 'de', text: 'Die Dominion-Maschinen haben in Maricopa 40.000 Stimmen umgedreht, die Prüfung hat es bewiesen.' },
      { lang: 'fr', text: 'Les machines Dominion ont inversé 40 000 votes à Maricopa, l’audit l’a prouvé et les médias se taisent.' },
      { lang: 'pt', text: 'As máquinas da Dominion trocaram 40 mil votos em Maricopa, a auditoria provou e a mídia ficou calada.' },
      { lang: 'tr', text: 'Dominion makineleri Maricopa’da 40.000 oyu değiştirdi, denetim bunu kanıtladı ama medya sustu.' },
    ],
  },
  {
    topic: 'vaccine deaths hidden',
    variants: [
      { lang: 'en', text: 'Pfizer own documents list 1,200 deaths in the first 90 days of the rollout. Why did the FDA hide this for a year?' },
      { lang: 'en', text: 'Look up the Pfizer 90 day report: 1200 people died and the FDA sat on it. Nobody was punished.' },
      { lang: 'en', text: 'The FDA knew about 1200 deaths after 90 days of Pfizer shots and still pushed mandates on everyone.' },
      { lang: 'es', text: 'Los documentos de Pfizer registran 1.200 muertes en los primeros 90 días. ¿Por qué la FDA lo ocultó un año?' },
      { lang: 'es', text: 'Busquen el informe de 90 días de Pfizer: murieron 1200 personas y la FDA lo escondió.' },
      { lang: 'de', text: 'Pfizers eigene Unterlagen nennen 1.200 Todesfälle in den ersten 90 Tagen. Warum hat die FDA das ein Jahr versteckt?' },
      { lang: 'fr', text: 'Les documents de Pfizer recensent 1 200 décès dans les 90 premiers jours. Pourquoi la FDA l’a caché un an ?' },
      { lang: 'it', text: 'I documenti di Pfizer riportano 1.200 morti nei primi 90 giorni. Perché la FDA lo ha nascosto per un anno?' },
      { lang: 'pt', text: 'Os documentos da Pfizer mostram 1.200 mortes nos primeiros 90 dias e a FDA escondeu isso por um ano.' },
    ],
  },
  {
    topic: 'farmers land grab',
    variants: [
      { lang: 'en', text: 'The WEF wants to take farmland from 30 percent of Dutch farmers by 2030. They call it nitrogen rules but it is a land grab.' },
      { lang: 'en', text: 'Dutch farmers are being forced out, 30% of farms closed by 2030 so Gates and the WEF can buy the land.' },
      { lang: 'en', text: 'Nitrogen is just the excuse. By 2030 a third of Dutch farms gone and guess who buys the land, Bill Gates.' },
      { lang: 'es', text: 'El WEF quiere quitar la tierra al 30 por ciento de los agricultores holandeses antes de 2030. Lo llaman nitrógeno.' },
      { lang: 'de', text: 'Das WEF will bis 2030 30 Prozent der niederländischen Bauern enteignen. Stickstoff ist nur der Vorwand, Gates kauft das Land.' },
      { lang: 'de', text: 'Bis 2030 sollen 30% der holländischen Höfe schließen, und Bill Gates kauft das Ackerland. Stickstoff ist eine Ausrede.' },
      { lang: 'fr', text: 'Le WEF veut prendre les terres de 30 % des agriculteurs néerlandais d’ici 2030. L’azote n’est qu’un prétexte, Gates achète.' },
      { lang: 'pt', text: 'O WEF quer tirar a terra de 30 por cento dos agricultores holandeses até 2030 e Bill Gates compra tudo.' },
      { lang: 'nl', text: 'Het WEF wil tegen 2030 30 procent van de Nederlandse boeren uitkopen. Stikstof is een smoes, Gates koopt de grond.' },
    ],
  },
];

/** Narratives whose errors the signal's settings were tuned on, and those only reported. */
export const TUNING_NARRATIVES = [0, 1];
export const REPORTED_NARRATIVES = [2, 3];

/** Harmless comments for accounts that travel together (each time different, nothing shared). */
export const HARMLESS_COMMENTS = [
  'Great video as always',
  'This deserves more views',
  'Watching this on my lunch break',
  'Thanks for the upload',
  'Well explained, easy to follow',
  'The editing keeps getting better',
  'Came back to watch this again',
  'Interesting take, never thought of it that way',
  'Good job, keep going',
  'Happy to see a new one today',
  'Sound quality is much better now',
  'This made my day',
  'Subscribed after this one',
  'Short and to the point, nice',
  'Saving this for later',
];

/**
 * Organic repetition that must stay unflagged: a first-hour rush on a fresh video. Placeholders:
 * {year}, {ts} (a moment of the video), {name} (the creator), {line} (a line from the video).
 */
export const ORGANIC_RUSH = [
  'First!',
  'first',
  'Early gang',
  'Who is here in {year}?',
  "Who's watching in {year}",
  'anyone here in {year}? 🙋',
  '❤️❤️❤️',
  '❤',
  '😍😍',
  '{ts} 😂😂',
  '{ts} best part',
  'the part at {ts} killed me',
  '{ts} "{line}"',
  '"{line}" 😂',
  '"{line}" is my new favourite line',
  'Notification squad!',
  'Love you {name} ❤️',
  '{name} never disappoints',
  '{name} you are the best',
  'Not me waiting all week for this',
  'Here before 1 million views',
  'Here before this blows up',
  'Who else clicked instantly?',
  'Yesss new video!!',
  'LETS GOOO',
  '{name} gang where you at',
  'Drop a like if you came here from the notification',
  'I love this channel so much',
  'the intro song 🎵🎵 la la la la',
  'la la la la la 🎶',
];
export const ORGANIC_LINES = ['I told you it would work', 'that is not a chicken', 'we do not talk about the basement', 'ten out of ten would do again'];
export const CREATOR_NAMES = ['Mia', 'Dave', 'Tomo', 'Lena', 'Kofi'];
