/**
 * The words by which guidepress reads a guide's argument, per language: those that announce a list
 * of practices, and those the deck's quote score looks for (`deck/score.ts` says what each is
 * worth). They are code rather than files under templates/ because both this layer (practice
 * detection, which reads no folder) and the deck need them, and a change to them is a change of
 * behaviour to test, not a restyling. A language not listed reads with the English words.
 */
export interface Cues {
  /** In the sentence before a list: the list is a set of practices. Group 1 is the cue word. */
  practice: RegExp;
  /** A practice cue word (lower case) -> the noun of one practice, for the slides' kickers. */
  nouns: Record<string, string>;
  /** Phrases that announce the point, each with the name it is reported by. */
  points: [RegExp, string][];
  /** "You can't ... until ...": a condition that carries an argument. */
  until?: RegExp;
  /** A contrast or antithesis. */
  contrast: RegExp;
  /** A sentence that leans on the one before it (starts with "This", "It"...). */
  leaning: RegExp;
  /** An anecdote's opening ("Years ago"). */
  narrative?: RegExp;
}

/** Alternatives as whole words: `\b` knows only ASCII letters, so letters are looked for around them. */
const words = (source: string, flags = 'iu') => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);
const at = (source: string) => new RegExp(`^(?:${source})(?![\\p{L}])`, 'iu');
/** For scripts without spaces between words: the phrase anywhere. */
const anywhere = (source: string) => new RegExp(`(?:${source})`, 'u');

const english: Cues = {
  practice: /\b(practices?|ways|steps|habits|approaches|lessons|principles|rules|tips|techniques)\b/i,
  nouns: { steps: 'Step', habits: 'Habit', lessons: 'Lesson', principles: 'Principle', rules: 'Rule', tips: 'Tip', techniques: 'Technique' },
  points: [
    [/\bthe most important\b/i, 'the most important'],
    [/\b(?:the|a|one) (?:big(?:gest)? |key |hard(?:est)? |real |main )?lessons?\b/i, 'the lesson'],
    [/\bthe key\b/i, 'the key'],
    [/\bwhat (?:really )?matters\b/i, 'what matters'],
    [/\bthe point (?:is|was)\b/i, 'the point is'],
    [/\bthe secret\b/i, 'the secret'],
    [/\bthe truth is\b/i, 'the truth is'],
  ],
  until: /\b(?:can(?:no|['’])t|cannot|couldn['’]t|won['’]t|don['’]t|doesn['’]t|never)\b.*\buntil\b/i,
  contrast: /\b(?:but|yet|rather than|instead of|far from|whereas|versus|vs\.)\b|\bmore\b.*\bthan\b|\bnot\b[^,.;]*,?\s*but\b/i,
  leaning: /^(?:this|that|these|those|it|they|he|she|such|so|also)\b/i,
  narrative: /^(?:(?:a few |many |some )?(?:years|months|weeks|days) ago|once upon|last (?:year|month|week)|in (?:19|20)\d\d)\b/i,
};

const byLanguage: Record<string, Cues> = {
  en: english,
  de: {
    practice: words('(übungen|praktiken|wege|schritte|gewohnheiten|ansätze|lektionen|lehren|prinzipien|grundsätze|regeln|tipps|techniken)'),
    nouns: { übungen: 'Übung', praktiken: 'Praktik', wege: 'Weg', schritte: 'Schritt', gewohnheiten: 'Gewohnheit', ansätze: 'Ansatz', lektionen: 'Lektion', lehren: 'Lehre', prinzipien: 'Prinzip', grundsätze: 'Grundsatz', regeln: 'Regel', tipps: 'Tipp', techniken: 'Technik' },
    points: [
      [words('das wichtigste|am wichtigsten'), 'das Wichtigste'],
      [words('die (?:große |wichtigste |eigentliche )?lehre|die lektion'), 'die Lehre'],
      [words('der schlüssel'), 'der Schlüssel'],
      [words('was (?:wirklich )?zählt'), 'was zählt'],
      [words('der punkt ist|es geht darum'), 'der Punkt ist'],
      [words('das geheimnis'), 'das Geheimnis'],
      [words('die wahrheit ist'), 'die Wahrheit ist'],
    ],
    until: words('(?:nie|nicht|kein\\p{L}*)[^.]*(?:bis|solange)'),
    contrast: words('aber|doch|jedoch|sondern|statt|anstatt|stattdessen|während|dagegen|mehr als|weit entfernt'),
    leaning: at('dies|diese[rsnm]?|es|sie|er|solche[rsnm]?|so|auch|dann'),
    narrative: at('vor (?:einigen |vielen |ein paar )?(?:jahren|monaten|wochen|tagen)|es war einmal|letztes jahr|letzten monat|im jahr (?:19|20)\\d\\d'),
  },
  fr: {
    practice: words('(pratiques|façons|manières|étapes|habitudes|approches|leçons|principes|règles|conseils|techniques)'),
    nouns: { pratiques: 'Pratique', façons: 'Façon', manières: 'Manière', étapes: 'Étape', habitudes: 'Habitude', approches: 'Approche', leçons: 'Leçon', principes: 'Principe', règles: 'Règle', conseils: 'Conseil', techniques: 'Technique' },
    points: [
      [words('le plus important|l[’\']essentiel'), 'le plus important'],
      [words('la (?:grande |vraie |principale )?leçon'), 'la leçon'],
      [words('la clé|la clef'), 'la clé'],
      [words('ce qui (?:compte|importe)(?: vraiment)?'), 'ce qui compte'],
      [words('le fait est|l[’\']idée est'), 'le fait est'],
      [words('le secret'), 'le secret'],
      [words('la vérité(?:,)? c[’\']est|la vérité est'), 'la vérité est'],
    ],
    until: words('(?:ne|n[’\'])[^.]*(?:pas|jamais)[^.]*(?:tant que|avant que|avant de)'),
    contrast: words('mais|pourtant|cependant|plutôt que|au lieu de|loin de|alors que|tandis que|plus [^.]* que'),
    leaning: at('ceci|cela|ça|il|elle|ils|elles|aussi|donc'),
    narrative: at('il y a (?:quelques |des |bien des )?(?:années|ans|mois|semaines|jours)|il était une fois|l[’\']an dernier|l[’\']année dernière|en (?:19|20)\\d\\d'),
  },
  es: {
    practice: words('(prácticas|maneras|formas|pasos|hábitos|enfoques|lecciones|principios|reglas|consejos|técnicas)'),
    nouns: { prácticas: 'Práctica', maneras: 'Manera', formas: 'Forma', pasos: 'Paso', hábitos: 'Hábito', enfoques: 'Enfoque', lecciones: 'Lección', principios: 'Principio', reglas: 'Regla', consejos: 'Consejo', técnicas: 'Técnica' },
    points: [
      [words('lo (?:más )?importante'), 'lo más importante'],
      [words('la (?:gran |verdadera |principal )?lección'), 'la lección'],
      [words('la clave'), 'la clave'],
      [words('lo que (?:de verdad |realmente )?importa'), 'lo que importa'],
      [words('la cuestión es'), 'la cuestión es'],
      [words('el secreto'), 'el secreto'],
      [words('la verdad es'), 'la verdad es'],
    ],
    until: words('no[^.]*hasta que'),
    contrast: words('pero|sino|sin embargo|en lugar de|en vez de|lejos de|mientras que|más [^.]* que'),
    leaning: at('esto|eso|estos|esas?|esos|ello|él|ella|ellos|así|también'),
    narrative: at('hace (?:unos |muchos )?(?:años|meses|semanas|días)|había una vez|el año pasado|en (?:19|20)\\d\\d'),
  },
  pt: {
    practice: words('(práticas|maneiras|formas|passos|etapas|hábitos|abordagens|lições|princípios|regras|dicas|técnicas)'),
    nouns: { práticas: 'Prática', maneiras: 'Maneira', formas: 'Forma', passos: 'Passo', etapas: 'Etapa', hábitos: 'Hábito', abordagens: 'Abordagem', lições: 'Lição', princípios: 'Princípio', regras: 'Regra', dicas: 'Dica', técnicas: 'Técnica' },
    points: [
      [words('o (?:mais )?importante'), 'o mais importante'],
      [words('a (?:grande |verdadeira |principal )?lição'), 'a lição'],
      [words('a chave'), 'a chave'],
      [words('o que (?:realmente )?importa'), 'o que importa'],
      [words('a questão é'), 'a questão é'],
      [words('o segredo'), 'o segredo'],
      [words('a verdade é'), 'a verdade é'],
    ],
    until: words('(?:não|nunca)[^.]*até que'),
    contrast: words('mas|porém|contudo|em vez de|ao invés de|longe de|enquanto|mais [^.]* do que'),
    leaning: at('isto|isso|estes|essas?|esses|ele|ela|eles|elas|assim|também'),
    narrative: at('há (?:alguns |muitos )?(?:anos|meses|semanas|dias)|era uma vez|no ano passado|em (?:19|20)\\d\\d'),
  },
  it: {
    practice: words('(pratiche|modi|passi|passaggi|abitudini|approcci|lezioni|principi|regole|consigli|tecniche)'),
    nouns: { pratiche: 'Pratica', modi: 'Modo', passi: 'Passo', passaggi: 'Passaggio', abitudini: 'Abitudine', approcci: 'Approccio', lezioni: 'Lezione', principi: 'Principio', regole: 'Regola', consigli: 'Consiglio', tecniche: 'Tecnica' },
    points: [
      [words('la cosa più importante|il più importante'), 'la cosa più importante'],
      [words('la (?:grande |vera |principale )?lezione'), 'la lezione'],
      [words('la chiave'), 'la chiave'],
      [words('ciò che (?:davvero )?conta'), 'ciò che conta'],
      [words('il punto è'), 'il punto è'],
      [words('il segreto'), 'il segreto'],
      [words('la verità è'), 'la verità è'],
    ],
    until: words('non[^.]*finché'),
    contrast: words('ma|però|tuttavia|invece di|anziché|lontano da|mentre|più [^.]* che|più [^.]* di'),
    leaning: at('questo|quello|questi|quelle?|ciò|esso|essa|lui|lei|loro|così|anche'),
    narrative: at('(?:alcuni |molti )?(?:anni|mesi|settimane|giorni) fa|c[’\']era una volta|l[’\']anno scorso|nel (?:19|20)\\d\\d'),
  },
  nl: {
    practice: words('(praktijken|werkwijzen|manieren|stappen|gewoonten|gewoontes|benaderingen|lessen|principes|regels|tips|technieken)'),
    nouns: { praktijken: 'Praktijk', werkwijzen: 'Werkwijze', manieren: 'Manier', stappen: 'Stap', gewoonten: 'Gewoonte', gewoontes: 'Gewoonte', benaderingen: 'Benadering', lessen: 'Les', principes: 'Principe', regels: 'Regel', tips: 'Tip', technieken: 'Techniek' },
    points: [
      [words('het belangrijkste'), 'het belangrijkste'],
      [words('de (?:grote |echte |belangrijkste )?les'), 'de les'],
      [words('de sleutel'), 'de sleutel'],
      [words('wat (?:echt )?telt'), 'wat telt'],
      [words('het punt is'), 'het punt is'],
      [words('het geheim'), 'het geheim'],
      [words('de waarheid is'), 'de waarheid is'],
    ],
    until: words('(?:niet|nooit)[^.]*(?:totdat|tot)'),
    contrast: words('maar|toch|echter|in plaats van|verre van|terwijl|meer [^.]* dan'),
    leaning: at('dit|dat|zij|ze|hij|zulke|zo|ook'),
    narrative: at('(?:enkele |een paar |vele )?(?:jaren|jaar|maanden|weken|dagen) geleden|er was eens|vorig jaar|in (?:19|20)\\d\\d'),
  },
  ja: {
    practice: anywhere('(実践|習慣|方法|ステップ|手順|段階|原則|教訓|ルール|規則|ヒント|コツ|テクニック|技法|やり方)'),
    nouns: { 実践: '実践', 習慣: '習慣', 方法: '方法', ステップ: 'ステップ', 手順: '手順', 段階: '段階', 原則: '原則', 教訓: '教訓', ルール: 'ルール', 規則: '規則', ヒント: 'ヒント', コツ: 'コツ', テクニック: 'テクニック', 技法: '技法', やり方: 'やり方' },
    points: [
      [anywhere('最も大切な|最も重要な|一番大切な|いちばん大切な'), '最も大切な'],
      [anywhere('教訓'), '教訓'],
      [anywhere('鍵は|鍵となる|カギは'), '鍵は'],
      [anywhere('本当に大切なのは|大切なのは|大事なのは'), '大切なのは'],
      [anywhere('要するに|ポイントは'), 'ポイントは'],
      [anywhere('秘訣'), '秘訣'],
      [anywhere('実は|本当は'), '実は'],
    ],
    contrast: anywhere('しかし|けれど|だが|ではなく|よりも|代わりに|一方で|のに'),
    leaning: /^(?:これ|それ|この|その|あれ|あの|彼|彼女|また|そして|だから)/u,
    narrative: /^(?:数年前|何年も前|昔|去年|昨年|(?:19|20)\d\d年)/u,
  },
  zh: {
    practice: anywhere('(实践|習慣|习惯|方法|步骤|步驟|原则|原則|教训|教訓|规则|規則|技巧|建议|建議|做法)'),
    nouns: { 实践: '实践', 习惯: '习惯', 習慣: '習慣', 方法: '方法', 步骤: '步骤', 步驟: '步驟', 原则: '原则', 原則: '原則', 教训: '教训', 教訓: '教訓', 规则: '规则', 規則: '規則', 技巧: '技巧', 建议: '建议', 建議: '建議', 做法: '做法' },
    points: [
      [anywhere('最重要的'), '最重要的'],
      [anywhere('教训|教訓'), '教训'],
      [anywhere('关键|關鍵'), '关键'],
      [anywhere('真正重要的'), '真正重要的'],
      [anywhere('重点是|重點是'), '重点是'],
      [anywhere('秘诀|秘訣'), '秘诀'],
      [anywhere('事实上|事實上|其实|其實'), '事实上'],
    ],
    until: anywhere('(?:不|没有|沒有)[^。]*(?:直到|除非)'),
    contrast: anywhere('但是|但|然而|不过|不過|而不是|与其|與其|反而|相反'),
    leaning: /^(?:这|這|那|它|他|她|他们|他們|因此|所以|也)/u,
    narrative: /^(?:几年前|幾年前|多年前|从前|從前|去年|(?:19|20)\d\d年)/u,
  },
  ko: {
    practice: words('(실천|습관|방법|단계|원칙|교훈|규칙|팁|기법|요령)\\p{L}{0,3}'),
    nouns: { 실천: '실천', 습관: '습관', 방법: '방법', 단계: '단계', 원칙: '원칙', 교훈: '교훈', 규칙: '규칙', 팁: '팁', 기법: '기법', 요령: '요령' },
    points: [
      [anywhere('가장 중요한'), '가장 중요한'],
      [anywhere('교훈'), '교훈'],
      [anywhere('열쇠|핵심'), '핵심'],
      [anywhere('정말 중요한 것|중요한 것은'), '중요한 것은'],
      [anywhere('요점은'), '요점은'],
      [anywhere('비결|비밀'), '비결'],
      [anywhere('사실은|진실은'), '사실은'],
    ],
    contrast: anywhere('하지만|그러나|그런데|대신|보다|반면'),
    leaning: /^(?:이것|그것|이런|그런|이|그|그들|그래서|또한)(?![\p{L}])/u,
    narrative: /^(?:몇 년 전|수년 전|옛날|작년|(?:19|20)\d\d년)/u,
  },
  ar: {
    practice: words('(الممارسات|ممارسات|طرق|الطرق|خطوات|الخطوات|عادات|العادات|مناهج|دروس|الدروس|مبادئ|المبادئ|قواعد|القواعد|نصائح|تقنيات|أساليب)'),
    nouns: { الممارسات: 'ممارسة', ممارسات: 'ممارسة', طرق: 'طريقة', الطرق: 'طريقة', خطوات: 'خطوة', الخطوات: 'خطوة', عادات: 'عادة', العادات: 'عادة', مناهج: 'منهج', دروس: 'درس', الدروس: 'درس', مبادئ: 'مبدأ', المبادئ: 'مبدأ', قواعد: 'قاعدة', القواعد: 'قاعدة', نصائح: 'نصيحة', تقنيات: 'تقنية', أساليب: 'أسلوب' },
    points: [
      [words('الأهم|أهم ما'), 'الأهم'],
      [words('الدرس'), 'الدرس'],
      [words('المفتاح'), 'المفتاح'],
      [words('ما يهم'), 'ما يهم'],
      [words('الفكرة هي|المقصود'), 'الفكرة هي'],
      [words('السر'), 'السر'],
      [words('الحقيقة'), 'الحقيقة'],
    ],
    until: words('(?:لا|لن|لم)[^.]*حتى'),
    contrast: words('لكن|ولكن|بل|بدلا من|بدلاً من|بينما|أكثر من'),
    leaning: at('هذا|هذه|ذلك|تلك|هو|هي|هم|كذلك|أيضا'),
    narrative: at('منذ (?:سنوات|أشهر|أسابيع|أيام)|كان يا ما كان|في العام الماضي'),
  },
};

/** The cues of a language tag (`pt-BR` reads with `pt`); English for a language not listed. */
export function cuesFor(lang: string | undefined): Cues {
  return byLanguage[(lang ?? 'en').toLowerCase().split('-')[0]!] ?? english;
}
