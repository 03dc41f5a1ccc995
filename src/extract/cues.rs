//! The language cues extraction looks for, in one place: each is a kind of phrasing
//! (a priority marker, a directive verb, a dependency phrase), not a phrase from any
//! particular document.

use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("valid cue regex")
}

pub static PRIORITY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"priorit|focus|\bgoals?\b|objectives?|\bokrs?\b|\btop \d|\bp0s?\b|big rocks|\bbets\b|what matters|key initiatives|themes|flagship|must[- ]haves?|commitments|roadmap|workstreams|^o\d+\b|^kr\s?\d|^goal \d|^p[0-3]\b|in[- ]flight|in progress|working on|current work|active work",
    )
});
pub static NOISE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bwins?\b|shout|kudos|celebrat|thank|welcome|\bpeople\b|team news|hiring|new hires|\bfun\b|social|announcements|misc|housekeeping|reminders?|logistics|offsite|birthdays|anniversar|admin|random|water ?cooler",
    )
});
pub static DONE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"shipped|\bdone\b|completed|accomplish|last (?:week|month|quarter)|highlights|what has happened|recap|retro"));

/// Section titles that emphasise or de-emphasise what they list.
pub static STRONG_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)flagship|\btop\b|\bp0|critical|must|\bkey\b|\bfirst\b|big rocks|headline"));
pub static WEAK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bother\b|secondary|\bmisc|looking for help|nice[- ]to[- ]have|stretch|backlog|later|parking lot|\bp[23]\b|in[- ]flight|in progress|working on|current work|active work",
    )
});
/// A heading that only names a list of priorities ("Q4 priorities", "Flagship goals").
pub static CONTAINER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\w'’-]+\s+){0,3}(?:priorities|goals?|objectives|okrs?|focus(?: areas)?|themes|big rocks|bets|commitments|roadmap|plan|workstreams|goal updates)\s*:?$",
    )
});

/// Explicit priority markers and their weight.
pub static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(P[0-3])\b|(top|#1|number[- ]one|no\.? ?1|highest|first|biggest|single most important|critical|key|main|major|second|third|next|a|our|the) priorit(?:y|ies)\b|\b(must[- ](?:land|have|ship|do)|non[- ]negotiable|most important|mission[- ]critical)\b|\b(nice[- ]to[- ]have|stretch goal|if time permits|lower priority|low priority|backlog)\b|^\W*(O[1-9]|Objective \d+|Goal \d+)\s*[:.)—–-]|^\W*(?:\d+[.)]\s*)?(second|third|fourth|fifth)\s+(?:is|up|:)",
    )
});
/// Priority columns in tables: header names and values.
pub static PRIORITY_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:priority|pri|prio|tier|rank|importance|p)$"));
pub static SUBJECT_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)initiative|project|workstream|goal|objective|item|name|title|theme|epic|work|description|deliverable|feature|what|okr|milestone|\bbet\b|summary",
    )
});
pub static DATE_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)date|due|eta|target|deadline|when|timeline|by"));
pub static DEPENDS_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)depend|\bdeps?\b|blocked|blocker|waiting|needs|prereq"));
pub static OWNER_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)owner|team|dri|lead|who|assignee|dependent"));
/// "For", "Deliverable", "What": what a dependency row waits for.
pub static DELIVERABLE_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:for|for what|what|deliverable|needs?|item|ask)$"));

/// Celebration, people and admin language.
pub static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(congrat\w*|kudos|shout[- ]?outs?|thank(?:s| you)|welcom\w*|joined (?:us|the team)|joins (?:us|the team)|onboarding|new hires?|we(?:'re| are) hiring|open (?:roles|reqs|positions)|referral\w*|birthday|anniversary|celebrat\w*|party|offsite|off-site|lunch|happy hour|potluck|expense reports?|reminder|out of office|\bOOO\b|\bPTO\b|parking|swag|rsvp|bring your|please fill)\b|🎉|🥳|🎂|🙌|👏",
    )
});

/// Directives that push a topic up (more, sooner) or down (less, later, stop).
pub static UP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(bring(?:s|ing)? on (?:\d+|two|three|four|five|six|more|additional|extra|an?)\b|stay(?:s|ing)? on\b|remain(?:s|ing)? on\b|approv(?:e|es|ed|ing) (?:the |an? )?(?:\d+|two|three|four|five|six|extra|additional|more|new)|enabled|keep(?:s|ing)? (?:[\w-]+ ){1,4}?(?:switched on|turned on|enabled)|scal(?:e|es|ed|ing) (?:out|to)\b|approv(?:e|es|ed|ing)\b|increas\w*|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|accelerat\w*|expand\w*|scal(?:e|es|ed|ing) up|grow(?:s|ing)?|ramp(?:s|ed|ing)? up|boost\w*|invest(?:s|ing)? (?:more |heavily )?in|add(?:s|ing)? (?:\d+|more|another|two|three|four|five|six)|hir(?:e|ing) (?:\d+|more|two|three|four|five|six)|fund(?:s|ing)? (?:the|a|more)|fast[- ]track\w*|speed(?:s|ing)? up|pull(?:s|ing)? in|double down on|go all[- ]in on|need (?:\d+|more|two|three|four|five|six) (?:more )?(?:engineers|people|hc|headcount|gpus|nodes)|standardi[sz]\w* on|adopt(?:s|ing)?|switch(?:es|ing)? to|consolidat\w* on|mandat\w*|enforc\w*|requir(?:e|es|ed|ing) (?:every|all)|(?:every|all) [\w-]+(?: [\w-]+){0,3} (?:goes|go|must go|will go) through|turn(?:s|ing)? (?:[\w-]+ ){0,4}?on\b|enabl(?:e|es|ing)\b|switch(?:es|ing)? (?:[\w-]+ ){0,4}?on\b|ship(?:s|ping)? (?:in|with|on)\b|go(?:es)? live|going live|roll(?:s|ing)? out|keep(?:s|ing)? (?:writing|running|using|shipping|building|adding|serving|investing)|go(?:es)? on\b|(?:every|all)(?: new)? [\w-]+(?: [\w-]+){0,6} (?:are|is|will be|must be|get|gets) (?:built|written|done|made|developed) (?:in|with|on))\b",
    )
});
pub static DOWN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(freez(?:e|es|ing)|frozen|cut(?:s|ting)?|reduc(?:e|es|ing)|paus(?:e|es|ed|ing)|depriorit\w*|delay(?:s|ed|ing)?|defer(?:s|red|ring)?|halt\w*|stop(?:s|ped|ping)? (?:work|funding|investing|hiring|spending|all|\w+ing)\b|sunset\w*|wind(?:s|ing)? down|scal(?:e|es|ed|ing) (?:back|down)|slow(?:s|ing)? down|hold(?:ing)? off on|on hold|postpon\w*|descop\w*|trim\w*|shrink\w*|cancel\w*|shelv\w*|no new|no more|no additional|no net[- ]new|disabled|switched off|turned off|shut down|decommissioned|(?:keep(?:s|ing)?|stay(?:s|ing)?|remain(?:s|ing)?) (?:[\w-]+ ){0,4}?(?:switched off|turned off|off|disabled|paused|frozen|on hold|dark)\b|retired|not invest\w*|not renew\w*|stop(?:s|ped|ping)? using|mov(?:e|es|ing) off|migrat\w* off|retir(?:e|es|ing)|deprecat\w*|drop(?:s|ped|ping)?|remov(?:e|es|ing)|disabl(?:e|es|ing)|switch(?:es|ing)? (?:[\w-]+ ){0,4}?off\b|turn(?:s|ing)? (?:[\w-]+ ){0,4}?off\b|moratorium on)\b",
    )
});
/// Words before a directive that negate it ("we are NOT dropping tablets" keeps them).
pub static NEGATED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:\bnot|n't|\bnever|\bno plans? to|\bno longer)\W+(?:\w+\W+){0,2}$"));
/// Words before a directive that make it hypothetical: no directive at all.
pub static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:\bif|\bunless|\bwhether|\bwithout|\bavoid|\bwould|\bcould|\bmight|\bshould we|\bin case)\W+(?:[\w'’]+\W+){0,4}$")
});
/// Resource freezes are directives; change/code/deploy freezes are time windows.
pub static FREEZE_WINDOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:change|code|deploy(?:ment)?s?|release|launch|production|prod|feature|holiday|peak|merge|config)\s+(?:freeze|moratorium|blackout|lockdown)|freeze (?:window|period)|blackout(?: window| period| dates)?|code[- ]?yellow|no[- ]deploy (?:window|period)|quiet (?:period|window)|release blackout|no (?:fleet[- ]wide |production |prod )?(?:deploys|deployments|launches|releases|rollouts|OTAs?|changes)\b)\b",
    )
});

/// Dependency phrases; group `y` is what is waited on.
pub static DEPENDENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:blocked (?:on|by)|gated (?:on|by)|contingent (?:on|upon)|pending|depend(?:s|ent|ing)? (?:on|upon)|reli(?:es|ant) on|rely(?:ing)? on|waiting (?:on|for)|wait(?:s)? (?:on|for)|(?:can't|cannot|can not|won't|will not|couldn't|unable to) (?:start|ship|launch|begin|proceed|finish|land|go live|move|roll out|complete)(?: [\w-]+){0,6} (?:until|before|without)|once|needs? (?:[\w'’-]+ ){0,6}?from|requires? (?:[\w'’-]+ ){0,6}?from|needs? (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)?(?: team)?(?: \([^)]*\))? to [a-z]+|can (?:you|your team|y'all|they) (?:get|have|ship|deliver|send|provide|finish|land|give us))\s+(?P<y>(?:[^.;:!?()]|\([^)]*\))+)",
    )
});

/// "if the event schema is frozen by Thursday": the thing waited on is the subject.
pub static CONDITION_DEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bif (?P<y>(?:the )?[\w'’./` -]{3,60}?) (?:is|are|gets?|has been|have been) (?:frozen|done|ready|shipped|delivered|approved|signed off|merged|live|available|finished|landed) by\b",
    )
});
/// "needs the ledger-v2 GET /receipts endpoint": a named interface waited on.
pub static NEEDS_THING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bneeds? (?P<y>the [\w`'’./ -]{3,60}? (?:endpoint|api|service|feed|schema|sdk|contract|access|sign-?off|approval|review|export|account|credentials|environment|cluster|replica|spec|specs|design)\b[^.;:!?]*)",
    )
});

/// Claims of a team's whole time or capacity for something.
pub static CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(on loan to|loaned to|(?:the\s+)?(?:whole|entire)\s+(?:[\w-]+\s+){0,2}(?:team|squad|group|crew|org|pod)\b|(?:need|needs|want|wants|require|requires|asked for|asking for|take|takes|taking|pulling|pull|borrow\w*)\s+(?:the\s+)?(?:whole|entire|all(?: of)?(?: the)?|full)\s+(?:[\w-]+\s+){0,3}?(?:team|squad|group|crew|org|pod)\b|(?:asked for|asking for|need|needs) all of\b|100% (?:on|onto|to)\b|100% of (?:its|their|the) time|full[- ]time\b|spend(?:s|ing)? (?:all of |the whole of |the entire |most of |the )?(?:first |second |last |next )?(?:half|weeks?|months?|quarter|sprint|days|rest) (?:of [A-Z][a-z]+ )?|need (?:the )?(?:[A-Z][\w-]* ){1,3}(?:team|squad|group|crew|org|pod) on\b|fully (?:allocated|dedicated|committed|booked|staffed|consumed)|dedicated to|(?:all|most|100%) of (?:its|their|our|his|her|the team's) (?:time|capacity|bandwidth|cycles)|full[- ]time on|heads[- ]down on|spend(?:s|ing)? (?:all of |the whole of |the whole |the entire |most of )?(?:Q[1-4]|the quarter|the half|H[12]|the rest of the year|[A-Z][a-z]+ and [A-Z][a-z]+) on|borrow\w*|loan(?:ing|ed)? \d|lend(?:ing)?|reassign\w*|second(?:ing|ed) |committed to|allocated to|assigned to|staffed (?:on|with|by)|(?:all|whole) (?:of )?(?:the )?[A-Z]\w* (?:team|org)(?:'s)? (?:capacity|time)|capacity (?:goes|is going|will go) to|owns? the (?:entire|whole) |owned by|staffed by|run by|pull(?:s|ing|ed)?\b[^.;]{0,40}?\b(?:into|onto)\b|(?:mov(?:e|es|ing)|reassign\w*|loan\w*|lend\w*|borrow\w*)\b[^.;]{0,40}?\b(?:to|into|onto|from)\b|no other asks of)",
    )
});

/// Launch-like verbs: what may not happen inside a freeze.
pub static LAUNCH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(launch\w*|ship(?:s|ping)?|releas(?:e|es|ing)|\bGA\b|general availability|go(?:es)?[- ]live|going live|roll(?:s|ing)?[- ]out|rollout|cut ?over|deploy(?:s|ing)?|turn(?:s|ing)? on|flip(?:s|ping)? (?:the )?(?:switch|flag)|enable(?:s|d)? for|migrat(?:e|es|ing) (?:all|every)|ramp(?:s|ing)?(?: up)?|100% ramp|dark launch|cut(?:s|ting)? over)\b",
    )
});
/// Deadline language: a date in a statement with one of these is a commitment.
pub static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(by|due|deadline|eta|target(?:s|ing|ed)?|scheduled|planned|expected|on track for|slip(?:s|ped|ping)? to|moved? to|pushed to|now|lands?|landing|will|goes|live|GA|ships?|launch(?:es)?|complete|finish|done|ready|opens?|starts?|begins?|cutover|release|deliver\w*)\b",
    )
});
/// Past-tense completion: a dated statement about something already done.
pub static DONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(launched|shipped|released|landed|completed|went live|was delivered|were delivered|rolled out|finished|wrapped up|closed out|did not make|didn't make|missed|posted|published|commented|wrote|written|updated|met|held|meeting|minutes|signed|exported|generated|as of)\b|\bnext (?:export|sync|meeting|review|update|check-?in|standup|report|issue|edition|memo|call)\b",
    )
});
/// Release stages: a beta date and a GA date for one deliverable are not a slip.
pub static STAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(alpha|beta|GA|general availability|preview|pilot|prototype|MVP|design review|design doc|RFC|dogfood\w*|canary|rollout complete|phase \d|milestone \d|M\d|v\d+(?:\.\d+)*|code[- ]complete|feature[- ]complete|testflight|cut ?over|(?:switch|turn)(?:ed)? off|shut ?down|sunset|deprecat\w*|decommission\w*|kick[- ]?off|starts?|begins?|kicks? off)\b",
    )
});
