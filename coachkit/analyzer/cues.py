"""Linguistic cues of directive and inquiry-based talk: the rule-based half of the analyzer.

AnnoMI (spoken counselling, ~100 advice utterances) cannot teach a model what directive
*written* coaching looks like, so directive talk is recognised here from its grammar:
imperatives, obligation modals, recommendations, advice phrased as a question, persuasion
and premature reassurance. The same grammar recognises what keeps talk inquiry-based even
when it contains those words: asking permission, offering options, emphasising autonomy,
and reflections that voice the student's own "should" ("You feel you should be doing more").

Each cue is data - a name, the act it signals, a pattern and a plain-language explanation
shown to the trainee - so adding one does not change any code. ``decide`` finds every match
with its span and turns a sentence's matches into one act.

Patterns are written in lower case and matched against a lower-cased copy of the sentence
(same length, so spans still point into the original): matching without ``re.IGNORECASE``
is about twice as fast, and the cues run on every sentence the kit scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coachkit.analyzer.fast_regex import compile_fast
from coachkit.analyzer.segment import split_sentences

_YOU = r"(?:you|u|ya)"
#: A setback the coach may explain for the student ("You failed because...": a verdict, unless
#: it reflects the student's own account, which starts "So you..." or "You think...").
_SETBACK = r"(?:failed|struggled|did\s+(?:badly|poorly)|didn'?t\s+pass|bombed|fell\s+behind|underperformed|ran\s+out\s+of\s+time)"
#: A persuasion match that is a verdict on the student's setback (its feedback differs).
NAMES_A_SETBACK = re.compile(rf"\b{_SETBACK}\b", re.IGNORECASE)
_ADVERBS = r"(?:(?:do|really|just|definitely|absolutely|honestly|probably|seriously|still|also|simply|totally|kind\s+of|now|then|first)\s+)*"
_OBLIGATION = (
    r"(?:should(?:n'?t)?|must(?:n'?t)?(?!\s*(?:be|feel|like|love|hate|know|think|(?:have|'ve)\s+(?:been|had|felt|gone|done|seen|known|thought|found|\w+ed))\b)|need\s+to|needs\s+to|have\s+to|has\s+to|ought\s+to|"
    r"had\s+better|'d\s+better|better\s+(?=\w)|gotta|got\s+to|'ve\s+got\s+to|have\s+got\s+to|"
    r"'ll\s+(?:need|have|want)\s+to|will\s+(?:need|have|want)\s+to|(?:are|'re)\s+going\s+to\s+(?:need|have)\s+to|"
    r"can'?t\s+keep|cannot\s+keep|can'?t\s+afford\s+to)"
)
#: What may precede the main clause: discourse markers ("So, ...", "Honestly, ...") and a short
#: lead-in ending in a colon ("Next step: ...", "Okay, as the expert: ...").
_DISCOURSE = (
    r"^\W*(?:(?:so|and|but|well|ok|okay|then|now|look|honestly|right|alright|hmm+|um+|yeah|yes|no|also|first(?:ly)?|"
    r"second(?:ly)?|next|finally|for\s+now|this\s+week|tonight|today|tomorrow|going\s+forward|from\s+now\s+on|basically|"
    r"seriously|really|please|just|number\s+one|step\s+one|first\s+of\s+all|first\s+thing|(?:next|this|that)\s+(?:session|week|block|term|time|month)|"
    r"good\s+idea|great\s+idea|fair\s+enough|definitely|definately|absolutely)\b[\s,.:;-]*|(?:good|great|perfect|sure|nice|right)\s*[,.!:;\u2013\u2014-]+\s*|(?:[\w']+\s+){0,3}[\w']+\s*(?::|\s[-\u2013\u2014])\s*|"
    r"(?:if|when|whenever|once|next\s+time|before|after|until)\s+[^,;:.!?]{2,80}?,\s*)*"
)
_ACTION_VERBS = (
    r"start|stop|try|do|make|use|go|get|focus|spend|cut|switch|join|read|reread|re-read|review|practice|practise|"
    r"study|sleep|write|schedule|plan|set|avoid|drop|skip|add|put|change|ask|book|email|e-mail|contact|call|"
    r"reach|sign|download|aim|prioriti[sz]e|dedicate|block|commit|finish|limit|increase|reduce|redo|repeat|complete|"
    r"attend|quit|move|stick|consider|remember|learn|memori[sz]e|drill|space|mix|test|quiz|watch|find|buy|print|"
    r"organi[sz]e|cram|rest|eat|exercise|run|meditate|relax|breathe|seek|apply|follow|trust|accept|forget|ignore|"
    r"prepare|bring|track|log|record|build|create|choose|pick|target|hit|knock|lock|grind|hammer|tackle|work|"
    r"cancel|delete|turn|shut|log|mute|talk|see|go|check|look\s+into|sit|wake|stay|spread|break|split|swap|replace|"
    r"fix|aim|push|force|take|keep|give|close|halve|cap|protect|unfollow|draw|throw|shadow|volunteer|visit|observe|rewrite|type\s+(?:it|them|this|that|up|out)|restart|come\s+(?:with|prepared|back\s+with)|update|cover|open|listen|hold\s+off|save|pause|leave|"
    r"have\s+a\s+(?:look|go|read|try)\b|tell\s+(?:your|the|them|him|her)|let\s+(?:go|it)|be\s+(?:more|less|sure|careful|honest|realistic|strict|the\s+one)|"
    r"cut\s+back|double|triple|shift|flip|max|make\s+sure|don'?t|do\s+not|stop|"
    r"(?:never|always)(?!\s+(?:happy|glad|good|nice|great|fun|hard|easy|worth|been|a|an|the|there|here|so|very|really|my|your|our|that|this|me|you)\b)"
)
# Verbs that, at the start of a sentence, invite the student to talk rather than tell them what to do.
_INVITATIONS = (
    r"tell\s+me|say\s+more|go\s+on|keep\s+going|walk\s+me\s+through|talk\s+me\s+through|help\s+me\s+understand|"
    r"describe|share|imagine|think\s+back|picture|take\s+(?:your|a|some)\s+(?:time|moment|minute|second)|"
    r"feel\s+free|let\s+me\s+know|take\s+a\s+(?:look|moment)\s+(?:with\s+me|together)|go\s+ahead|bring\s+me|"
    r"remind\s+me|fill\s+me\s+in|explain|give\s+me\s+(?:an\s+example|a\s+sense)|(?:call|email|e-mail|text|message|ping)\s+me\b"
)


@dataclass(frozen=True)
class Cue:
    """A recognisable pattern of coaching talk and what it signals."""

    name: str
    act: str
    pattern: re.Pattern
    explanation: str
    scope: str = "any"  # "statement", "question" or "any"
    source: str = ""  # the pattern as written; ``pattern`` is its faster equivalent (``fast_regex``)


def _cue(name: str, act: str, pattern: str, explanation: str, scope: str = "any") -> Cue:
    return Cue(name, act, compile_fast(pattern), explanation, scope, pattern)


#: Cues that make a sentence directive (a trainee gets the explanation as feedback).
DIRECTIVE_CUES: tuple[Cue, ...] = (
    _cue("obligation", "advice", rf"\b(?={_YOU}[\s'])(?<!when\s)(?<!whenever\s)(?<!if\s)(?<!what\s)(?<!whatever\s)(?<!how\s)(?<!where\s)(?<!anything\s)(?<!everything\s)(?<!things\s)(?<!all\s)(?<!as\s)\b{_YOU}(?:\s+|(?=')){_ADVERBS}(?:{_OBLIGATION}|need\s+(?:a|an|some|more|less|fewer)\b)(?!\s*(?:decide|choose|judge|work\s+out\s+for\s+yourself)\b)",
         "An obligation word (\"should\", \"need to\", \"have to\", \"must\") tells the student what to do."),
    _cue("we_obligation", "advice", rf"\bwe\s+{_ADVERBS}(?:should|must|need\s+to|have\s+to|'ve\s+got\s+to|gotta|'ll\s+need\s+to)\s+(?:get|make|start|put|have|fix|sort|stop|cut|change)\b",
         "\"We need to...\" sets the agenda for the student instead of with them."),
    _cue("wants_you_to", "advice", r"\bi\s+(?:really\s+)?(?:need|want|expect|'d\s+like|would\s+like|'d\s+love|would\s+love)\s+(?:you|u)\s+to\b"
         r"(?!\s+(?:tell|describe|explain|walk\s+me|share|talk|say|imagine|picture|rate|know|feel)\b)|"
         r"\bi\s+(?:really\s+)?(?:need|want|'d\s+like|would\s+like)\s+(?:you|u)\s+(?!telling|describing|explaining|sharing|talking|saying|thinking\s+about\s+what)\w+ing\b",
         "Saying what you want the student to do is a directive."),
    _cue("recommendation", "advice",
         r"\b(?:(?:i|we)(?:'d|\s+would)?\s+(?:strongly\s+|really\s+|definitely\s+|honestly\s+|would\s+)*(?:recommend|suggest|advise|urge|encourage\s+you|prescribe)\b|"
         r"my\s+(?:advice|suggestion|recommendation|tip|prescription)\b|if\s+i\s+were\s+you\b|in\s+your\s+(?:shoes|position)\b|"
         r"what\s+(?:you|u)\s+(?:need|should|have|want|ought)\s+(?:to\s+)?do\s+is\b|(?:a|the)\s+(?:good|great|sensible|smarter|wiser)\s+(?:move|idea|step|bet|place\s+to\s+start|first\s+step)\s+(?:would\s+be|is|might\s+be)\s+to\b|the\s+(?:best|only|right|smart|smartest|wisest|simplest|easiest|obvious|key|first)\s+(?:thing|way|approach|strategy|move|plan|option|step|fix)\b(?:\s+(?:to\s+do|for\s+you))?\s+(?:is|would\s+be|here\s+is)\b|"
         r"the\s+key\s+is\b|the\s+(?:move|trick|fix|answer|play)\s+(?:here\s+|now\s+|for\s+you\s+)?is\s+to\b|make(?<!to\smake)(?<!i'll\smake)(?<!i\smake)(?<!we'll\smake)(?<!me\smake)(?<!me\sjust\smake)\s+sure\b|(?:it'?s|it\s+is|it\s+would\s+be|it'd\s+be)\s+(?:really\s+|very\s+|so\s+|absolutely\s+)?(?:important|essential|crucial|vital|critical|key|imperative|necessary|best|better|wise|smart)\s+"
         r"(?:that\s+you(?!\s+(?:were|was|had|did|'ve|have|feel|felt)\b)|for\s+you\s+to|to(?!\s+(?:you|u|me|him|her|them|us|your)\b))\b|"
         r"(?:i'?d|i\s+would)\s+(?:probably\s+|definitely\s+|just\s+|honestly\s+|personally\s+)*(?:start|focus|go|try|do|use|switch|stop|cut|spend|put|get|make|begin|drop|prioriti[sz]e|aim|book|schedule|block|join|look\s+at|pick|choose|take|ask(?!\s+(?:you|u|what|how|why|whether|if)\b)|email|skip|quiz|review|practi[sc]e|keep|swap|move|cap|limit|sleep|track|log|time|write)\b(?!\s+by\s+(?:telling|asking|explaining|introducing|saying|sharing|hearing|getting|talking|listening))|"
         r"(?:you|u)(?:'d|\s+would)\s+(?:be\s+better\s+off|do\s+well\s+to|benefit\s+from)\b|(?:you|u)(?:'ll|\s+will)\s+want\s+to\b|"
         r"here'?s\s+what\s+(?:you(?:'re|\s+are)\s+going\s+to|you\s+(?:should|need\s+to|will|must))\s+do\b|(?:i'?d|i\s+would)\s+hold\s+off\b|"
         r"i\s+wouldn'?t(?=\s*(?:[,.!]|$|,?\s+(?:honestly|if\s+i\s+were)))|"
         r"^\W*(?:(?:so|and|honestly|then|ok|okay)\W+)*(?:probably\s+|definitely\s+|maybe\s+|(?:it\s+)?(?:might|could|would|may)\s+be\s+)?(?:best|better|worth|wiser|smarter|safer|safest)\s+(?:to\s+(?!be\s+said)|(?!noting|noticing|mentioning|saying|celebrating|knowing|remembering|flagging|adding|acknowledging|pointing|being\s+clear)\w+ing\b|a\s+(?:try|shot|go)\b)|(?:it'?s\s+)?(?:high\s+)?time\s+(?:for\s+you\s+)?to\s+(?:change|start|stop|switch|get|make|cut|drop|move|try|focus|step|rethink))",
         "A recommendation (\"I'd suggest\", \"the best thing is\", \"make sure\") gives the student your answer."),
    _cue("hedged_advice", "advice",
         rf"\b{_YOU}\s+(?:might|may|could|can\s+(?=(?:always\s+|also\s+)?(?:try|start|consider|use|join|switch)\b))\s*(?:also\s+|just\s+|always\s+|maybe\s+|perhaps\s+|possibly\s+)?(?:want\s+to|wish\s+to|try|start|consider|use|do|join|switch|look\s+into|think\s+about\s+(?:doing|trying|using|switching|joining|getting|starting)|benefit|get|make|spend|put|add|cut|book|schedule|set|go|aim|focus|drop|redo|practi[sc]e)\b|"
         r"\b(?:it|that)\s+(?:might|may|could|would|should|can)\s+(?:also\s+|not\s+)?be\s+(?:worth|a\s+(?:good|bad)\s+idea|wise|smart|helpful|useful|good|better|best|beneficial)\b|"
         r"\b(?:maybe|perhaps|possibly)\s+(?:try|start|use|do|switch|join|consider|add|cut|spend|focus|get|make|book|schedule)\b|"
         rf"\b{_YOU}\s+(?:could|might)\s+(?:maybe|perhaps|possibly|always|also|just)\s+(?!be\b|have\b|feel\b|think\b|not\b)\w+|"
         r"\bwhy\s+not\s+(?:try|start|use|do|switch|join)\b[^?]*$",
         "Softened advice (\"you might want to\", \"it could be worth\") is still advice: the idea is yours, not the student's.",
         "statement"),
    _cue("get_you_on", "advice", r"\blet'?s\s+(?:get|put|set|have|start|sign|switch|move)\s+(?:you|u)\b|\blet'?s\s+(?:make\s+sure|cut|drop|add|increase|double|not)\b",
         "\"Let's get you on...\" decides the plan for the student."),
    _cue("imperative", "advice", rf"^(?!\s*[\"'\u201c])(?!\W*(?:(?:please|yes|sure|ok|okay|of\s+course)\W+)*do\W*$){_DISCOURSE}(?!(?:{_INVITATIONS})\b(?!\s+and\b))(?:{_ACTION_VERBS}|no\s+more(?!\s+than))\b(?!\s+(?:you|u|we|they|i|how|what|if|whether|that|why|worry|stress|panic|fret|sweat|be\s+(?:so\s+)?hard|beat)\b)",
         "A sentence that starts with an action verb (\"Start...\", \"Don't...\", \"Focus on...\") is an instruction.",
         "statement"),
)

#: Advice phrased as a question: a closed question that carries the coach's own answer.
LEADING_CUES: tuple[Cue, ...] = (
    _cue("advice_question", "leading_question",
         rf"{_DISCOURSE}(?:why\s+(?:don'?t|dont|wouldn'?t|won'?t|can'?t|couldn'?t)\s+(?:you|u)\b|why\s+don'?t\s+we\b(?!\s+(?:start\s+by|meet|talk|look\s+at|take\s+a\s+look|go\s+over|begin))|"
         r"(?:isn'?t|wasn'?t|doesn'?t)\s+(?:that|this)\s+(?:a|an|the|what|why|just|really|kind|sort|exactly|because|enough|more|less|better|worse|easier|harder|worth|part)\b|isn'?t\s+it\s+(?:a\s+bit|a\s+little|too|kind\s+of|sort\s+of|just|really|possible)\b|aren'?t\s+(?:you|u)\b|are\s+(?:you|u)\s+sure\b|why\s+not\b(?!\s+(?:talk|meet|look|start\s+by|take\s+a\s+look))|"
         r"have\s+(?:you|u)\s+(?:ever\s+|even\s+)?(?:tried|thought\s+about|considered|looked\s+into|used)\s+(?!(?:anything|something|any|other|what|how|different|that|this|it|those|these)\b)|"
         r"did\s+(?:you|u)\s+(?:ever\s+|even\s+)?(?:try|consider|think\s+about)\s+(?!(?:anything|something|any|other|what|how|different|it|that|this)\b)|"
         r"(?:wouldn'?t|won'?t|isn'?t|doesn'?t)\s+it\s+(?:be|make|help|work)|shouldn'?t\s+(?:you|u|we)|don'?t\s+(?:you|u)\s+think|couldn'?t\s+(?:you|u)|can'?t\s+(?:you|u)\s+(?:just|simply|try|start)|"
         r"wouldn'?t\s+(?:you|u|that)|wouldn'?t\s+[^?]{0,60}?\b(?:help|work|tell\s+(?:you|u)|show\s+(?:you|u)|make\s+(?:more\s+)?sense|be\s+(?:a\s+)?(?:better|easier|smarter|wiser|worth)|have\s+been\s+(?:a\s+)?(?:better|easier|smarter|wiser))\b|shouldn'?t\s+(?:there|it|this|that|the|a|an|someone|somebody)\b|haven'?t\s+(?:you|u)\s+(?:got|tried|thought|considered|looked)\b|do\s+(?:you|u)\s+(?:really|honestly|seriously)\s+(?:think|believe)\b|any\s+reason\s+(?:you|u|not|why)\b|what\s+if\s+(?:you|u|we)\s+(?:just\s+|only\s+|instead\s+|also\s+)?(?!failed|struggled|didn'?t|couldn'?t)(?:\w+ed|tried|put|set|made|took|did|kept|cut|got|began|went|spent|gave|left|wrote|ran|swapped)\b|what\s+if\b[^?]*\binstead\b|(?:could|can|would|might|should)\b[^?]*\binstead\b|won'?t\s+(?:you|u)|aren'?t\s+(?:you|u)\s+(?:supposed|going)|isn'?t\s+it\s+(?:(?:about|high)\s+)?(?:time|better|worth|obvious)|"
         r"how\s+about\s+(?:(?:you|u)\b|(?!\w*thing\b|during\b)\w{2,}ing\b|(?:trying|doing|using|joining|starting|making|going|getting|switching|setting|adding|cutting|spending|reading|taking|booking|scheduling|talking\s+to|asking|focusing|studying|practi[sc]ing|reviewing|redoing|working|reaching|dropping|giving)\b)|what\s+about\s+(?:trying|doing|using|joining|starting|making|going|getting|switching|setting|adding|cutting|spending|reading|taking|booking|scheduling|talking|asking|focusing|studying|practi[sc]ing|reviewing|redoing|working|reaching|dropping|giving)\b|"
         r"would\s+(?:you|u)\s+(?:consider(?!\s+(?:talking|coming|meeting|telling|sharing))|be\s+willing\s+to\s+(?!share|tell|say|talk|walk|describe|come|meet|lay|look|go\s+through|test|try\s+an\s+experiment|explore|spend\s+(?:a\s+few\s+|\w+\s+)?(?:minutes?|time)\b)|agree)|(?:could|can)\s+(?:you|u)\s+(?:try|start|just|commit|aim|make|do\s+more|switch|join|cut|spend|get\s+(?:more|some|a))\b|"
         r"would\s+it\s+(?:not\s+)?(?:be\s+(?:better|smarter|wiser|easier|best|worth|a\s+good\s+idea)|make\s+(?:more\s+)?sense|help\s+(?:to|if\s+you))|"
         r"is\s+there\s+(?:any\s+)?reason\s+(?:you\s+)?(?:can'?t|couldn'?t|wouldn'?t|not\s+to|why\s+you\s+(?:can'?t|couldn'?t|don'?t))|"
         r"(?:maybe|perhaps)\s+(?:you|u)\s+(?:should|could|need|might|can)|do\s+(?:you|u)\s+(?:not\s+)?(?:think|feel|agree)\s+(?:that\s+)?(?:you|u|it)\s+(?:should|need|ought|must|would\s+be\s+(?:better|good|wise|best|smart)|might\s+be\s+(?:better|good|wise|best|smart)|could\s+(?:just|try))|"
         r"don'?t\s+(?:you|u)\s+(?:want|need)\s+to|(?:do|would)\s+(?:you|u)\s+want\s+to\s+(?:try|start|do|use|join|switch|add|cut|book|schedule|get)|"
         r"is\s+it\s+possible\s+(?:that\s+)?(?:you|u)\s+(?:need|should|could\s+(?:try|just)))",
         "This question already contains your answer (\"Why don't you...?\", \"Have you tried...?\"): "
         "it is advice phrased as a question.",
         "question"),
    _cue("obligation_question", "leading_question", rf"^(?!.*\b(?:what|how|which|where|when|who|why)\b.*\b{_YOU}\s+{_ADVERBS}(?:should|must|need\s+to|have\s+to|ought\s+to)\b)(?=.*\b{_YOU}\s+{_ADVERBS}(?:should|must|need\s+to|have\s+to|ought\s+to)\b)",
         "A yes/no question with \"should\" or \"need to\" in it steers the student towards your answer.",
         "question"),
)

PERSUASION_CUES: tuple[Cue, ...] = (
    _cue("persuasion", "persuasion",
         r"\b(?:the\s+)?(?:research|data|evidence|studies|science|literature|numbers)\s+(?:clearly\s+|really\s+|all\s+|very\s+clearly\s+)?(?:shows?|says|proves?|is\s+(?:very\s+)?clear|tells\s+us|are\s+clear)\b|"
         r"\btrust\s+me\b|\bbelieve\s+me\b|\b(?:you|u)(?:'ll|\s+will)\s+(?:see|thank\s+me)\b|\bi(?:'m|\s+am)\s+telling\s+(?:you|u)\b|\bthe\s+only\s+way\b|"
         r"\bthere(?:'s|\s+is)\s+no\s+(?:way|reason|excuse)\b|\bif\s+(?:you|u)\s+don'?t\b.{0,80}\b(?:you(?:'ll|\s+will)|you(?:'re|\s+are)\s+going\s+to|you\s+won'?t)\b|"
         r"\b(?:you|u)(?:'re|\s+are)\s+(?:going\s+to|gonna)\s+(?:fail|struggle|fall\s+behind|burn\s+out|regret)\b|\bwhen\s+i\s+was\s+(?:a\s+student|in\s+(?:med|medical)\s+school|your\s+age|a\s+resident|a\s+med\s+student)\b|"
         r"\bwhat\s+worked\s+for\s+me\b|\bthe\s+(?:fact|truth|reality)\s+is\b|"
         r"\b(?:means|tells\s+(?:me|us)|says|shows)\s+(?:that\s+)?(?:you|u)(?:'re|\s+are)?\s+(?:don'?t|do\s+not|aren'?t|haven'?t|can'?t|didn'?t|not)\b|\b(?:as\s+well|as\s+much)\s+as\s+(?:you|u)\s+think\b|\bit(?:'s|\s+is)\s+(?:proven|well\s+known|a\s+fact)\b|"
         r"\b(?:rereading|re-reading|highlighting|cramming|passive\s+\w+|lectures?|your\s+(?:method|approach|strategy))\s+(?:just\s+|simply\s+)?(?:doesn'?t|does\s+not|won'?t|will\s+not|isn'?t\s+going\s+to|aren'?t\s+going\s+to|don'?t)\s+work\b|"
         r"\b(?:anki|flashcards|questions|qbanks?|retrieval\s+practice|spaced\s+repetition|uworld|practice\s+tests?|a\s+study\s+group|a\s+schedule)\s+(?:will|would|'ll|is\s+going\s+to)\s+(?:fix|solve|help|sort|get|save|make)\b|"
         rf"^\W*(?:(?:and|but|well|look|honestly|frankly|basically)\W+)?{_YOU}\s+{_SETBACK}\b[^.?!]{{0,40}}?\bbecause\b|"
         rf"\b(?:that'?s|that\s+is|this\s+is|which\s+is)\s+(?:exactly\s+|precisely\s+)?why\s+{_YOU}\s+{_SETBACK}\b|\bthe\s+reason\s+{_YOU}\s+{_SETBACK}\s+(?:is|was)\b",
         "Arguing for a change (\"the data show\", \"trust me\", \"that won't work\") or handing down a verdict on "
         "why the student fell short pushes them; it tends to make them defend the status quo."),
)

REASSURANCE_CUES: tuple[Cue, ...] = (
    _cue("reassurance", "reassurance",
         r"\bdon'?t\s+(?:you\s+)?(?:worry|stress|panic|fret|be\s+(?:so\s+)?(?:hard\s+on\s+yourself|worried|upset|anxious)|beat\s+yourself\s+up|sweat)\b|"
         r"\b(?:you|u)(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to|'re\s+gonna)\s+(?:be|do)\s+(?:totally\s+|just\s+|absolutely\s+)?(?:fine|ok|okay|great|alright|all\s+right|well)\b|"
         r"\b(?:it|everything|things|all\s+of\s+this)(?:'ll|\s+will|\s+is\s+going\s+to)\s+(?:all\s+)?(?:be|work\s+out|turn\s+out)\s*(?:fine|ok|okay|alright|all\s+right|great)?\b|"
         r"\b(?:no|not\s+a|not\s+that\s+big\s+of\s+a|not\s+such\s+a)\s+big\s+deal\b|\bnothing\s+to\s+(?:worry|stress)\s+about\b|"
         r"\b(?:everyone|everybody|all\s+students|every\s+student|lots\s+of\s+people|we\s+all|half\s+the\s+class)(?:'s|\s+is|\s+are)?\s+(?:fails?|goes\s+through|struggles?|has\s+(?:it|a\s+bad|an\s+off|bad|off)|bombs?|feels?|gets?\s+(?:nervous|anxious|overwhelmed|stressed|lonely|tired)|cries|in\s+the\s+same\s+boat|overwhelmed|nervous)\b|"
         r"\b(?:that'?s|it'?s|this\s+is|totally|completely|perfectly)\s+(?:totally\s+|completely\s+|perfectly\s+|very\s+|so\s+)?normal\b(?!\s+to\s+feel)|"
         r"\b(?:you|u)(?:'re|\s+are)\s+(?:definitely\s+|absolutely\s+|so\s+|really\s+)?not\s+(?:a\s+|an\s+|the\s+only\s+)?(?:fraud|lazy|idiot|stupid|failure|only\s+one|dumb|imp[oa]ster)\b|"
         r"\b(?:you|u)(?:'ll|\s+will)\s+(?:definitely\s+|totally\s+|absolutely\s+|easily\s+)?(?:pass|get\s+(?:through|there|it|better)|make\s+(?:it|friends)|find\s+your)\b|\b(?:you|u)\s+won'?t\s+fail\b|\b(?:you|u)(?:'ll|\s+will|(?:'re|\s+are)\s+(?:going\s+to|gonna))\s+(?:totally\s+|absolutely\s+|definitely\s+|so\s+)?(?:smash|nail|ace|crush|breeze\s+through|sail\s+through)\b|"
         r"\b(?:it|that|this)(?:'ll|\s+will)\s+(?:pass|wear\s+off|settle)\b|\bdoes\s+that\s+to\s+(?:everyone|everybody|evrybody|all\s+of\s+us)\b|"
         r"\b(?:you|u)(?:'re|\s+are)\s+(?:totally|absolutely|completely|perfectly|honestly|really)\s+(?:fine|ok|okay|alright)\b(?!\s+(?:with|about|by|to|if)\b)|"
         r"\b(?:you|u)(?:'ll|\s+will)\s+(?:feel|be\s+feeling)\s+(?:(?:so\s+|much\s+)?better|fine|at\s+home|settled|like\s+(?:you'?ve|yourself))\b|\b(?:it|things)\s+gets?\s+(?:way\s+|so\s+much\s+|much\s+|a\s+lot\s+)?(?:better|easier)\b|"
         r"\b(?:too|so|way\s+too)\s+hard\s+on\s+yourself\b|\bselling\s+yourself\s+short\b|\bnothing\s+to\s+be\s+(?:anxious|worried|ashamed|embarrassed|scared)\s+about\b|\b(?:you|u)\s+did\s+the\s+right\s+thing\b|"
         r"\bhappens\s+to\s+(?:everyone|everybody|the\s+best|(?:a\s+lot\s+of|lots\s+of|many|most)\s+(?:people|students|us))\b|\bi(?:'m|\s+am)\s+(?:sure|certain|confident)\s+(?:you|u)(?:'ll|\s+will)\b|\bi\s+(?:promise|guarantee)\b|"
         r"\bstop\s+worrying\b|\b(?:you|u)(?:'ve|\s+have)\s+got\s+this\b(?!\s+\w)|\bno\s+need\s+to\s+(?:worry|stress|panic)\b|"
         r"\bit(?:'s|\s+is|\s+was)\s+(?:only|just)\s+(?:one|a)\s+(?:exam|test|block|score|grade|bad\s+day|quiz)\b|\b(?:won'?t|doesn'?t)\s+(?:really\s+)?matter\b",
         "Quick reassurance (\"don't worry, you'll be fine\") closes the topic before the student has "
         "explored it; it can feel dismissive."),
)

#: Cues that keep talk inquiry-based.
INQUIRY_CUES: tuple[Cue, ...] = (
    _cue("permission", "seeking_collaboration",
         r"\b(?:would|will|could|can|may|might)\s+(?:it\s+be\s+(?:ok|okay|alright|all\s+right|helpful|useful|all\s+right|of\s+use)|"
         r"(?:you|u)\s+(?:be\s+)?(?:open|interested|like\s+(?:to\s+hear|me\s+to|some|a)|want\s+(?:to\s+hear|me\s+to|some)|mind)|i\s+(?:share|offer|suggest|tell|give|add|mention|make|run|throw|put|pass))\b|"
         r"\bis\s+it\s+(?:ok|okay|alright|all\s+right)\b|\bwould\s+(?:you|u)\s+be\s+(?:willing|happy|up\s+for)\b[^?]*\b(?:with\s+me|together)\b|\b(?:could|can|shall)\s+we\s+(?:work\s+out|figure\s+out|think\s+(?:through|about)|look\s+at|come\s+up\s+with|explore|brainstorm|map\s+out|put\s+together)\b[^?]*\btogether\b|\bdo\s+(?:you|u)\s+mind\s+if\b|\bare\s+(?:you|u)\s+(?:open|interested)\b|\bwith\s+your\s+permission\b|"
         r"\bif\s+(?:it'?s|it\s+is)\s+(?:ok|okay|alright)\s+with\s+(?:you|u)\b|\bif\s+(?:you'?re|you\s+are)\s+(?:open|interested)\b|"
         r"\bwould\s+(?:that|this)\s+be\s+(?:ok|okay|helpful|useful|alright)\b|\bhow\s+would\s+(?:you|u)\s+feel\s+(?:about|if)\s+(?:i|we)\b|"
         r"\b(?:do|would)\s+(?:you|u)\s+want\s+(?:to\s+hear|me\s+to\s+(?:share|tell|say|suggest|offer))\b|\bwould\s+(?:it|that)\s+help\s+(?:if\s+we|to\s+(?:look|go|talk|walk|think)\b.*\btogether)",
         "Asking permission before sharing keeps the student in charge of the conversation."),
    _cue("autonomy", "emphasizing_autonomy",
         r"\b(?:it'?s|it\s+is|that'?s|that\s+is)\s+(?:entirely\s+|totally\s+|completely\s+|really\s+|ultimately\s+|always\s+)?(?:up\s+to\s+(?:you|u)|your\s+(?:call|choice|decision|plan|life|career|path))\b|"
         r"\b(?:you|u)(?:'re|\s+are)\s+the\s+(?:best\s+|real\s+)?(?:judge|expert)\b|\b(?:you|u)\s+know\s+(?:yourself|your\s+own|what\s+works|best)\b|"
         r"\b(?:only\s+)?(?:you|u)\s+(?:can|get\s+to|will|should\s+be\s+the\s+one\s+to)\s+(?:decide|choose|judge)\b|\bwhatever\s+(?:you|u)\s+(?:decide|choose|pick)\b|"
         r"\b(?:you|u)(?:'re|\s+are)\s+in\s+(?:charge|control|the\s+driver)|(?<!before\s)(?<!until\s)\b(?:you|u)\s+decide\b|\bno\s+pressure\b|\byour\s+(?:decision|call|choice|pick)\b|\byours\s+to\s+(?:make|decide|choose|call|set|own|use|run|shape)\b|"
         r"\bif\s+(?:none|any)\s+of\s+(?:this|these|it)\s+(?:fits|appeals|works)\b|\bdepends\s+on\s+what\s+(?:you|u)\b",
         "Emphasising that the choice is the student's supports their autonomy."),
    _cue("options", "options",
         r"\b(?:some|other|many|a\s+lot\s+of|lots\s+of|most)\s+(?:students|people|learners|folks|of\s+my\s+(?:students|coachees)|colleagues|residents)\s+(?:find|found|try|tried|use|prefer|like|choose|have\s+found|do|go\s+for|start)\b|"
         r"\b(?:one|another)\s+(?:option|possibility|idea|approach|route|path)\s+(?:is|would\s+be|might\s+be|could\s+be)\b|"
         r"\b(?:a\s+few|several|some|two|three|a\s+couple\s+of|different)\s+(?:options|possibilities|ideas|approaches|paths|routes|ways)\b|"
         r"\b(?:you|u)\s+could\s+[^.?!,;]{1,60}(?:,\s*[^.?!,;]{1,60})+,?\s+or\s+(?!so\b|something\b|anything\b|not\b|whatever\b)|\bwhich\s+(?:of\s+(?:these|those|them)|one|option|if\s+any)\b|\bwhat\s+(?:fits|suits|appeals|resonates|sounds)\b|\bif\s+any\b",
         "Offering several options and letting the student choose keeps the decision with them."),
    _cue("affirmation", "affirmation",
         r"\b(?:well\s+done|good\s+for\s+(?:you|u)|nice\s+(?:work|job)|great\s+(?:job|work|effort|question|insight|point|thinking)|good\s+(?:job|work|insight|point|thinking)|"
         r"(?:that'?s|that\s+is|this\s+is|it'?s|that\s+was|this\s+was|it\s+was)\s+(?:a\s+)?(?:really\s+|so\s+|very\s+|genuinely\s+)?(?:great|impressive|brave|courageous|thoughtful|insightful|admirable|a\s+strength|huge|excellent|fantastic|wonderful|terrific|honest|mature|real\s+progress|big\s+step|great\s+step|real\s+strength))\b|"
         r"\bi\s+(?:really\s+|truly\s+)?(?:appreciate|admire|respect|value|commend)\b|\bthank(?:s|\s+you)\s+for\s+(?:sharing|being|telling|your|trusting|bringing|coming|opening|letting)\b|"
         r"\b(?:you|u)(?:'ve|\s+have)\s+(?:clearly\s+|really\s+|already\s+|obviously\s+)?(?:worked|done|shown|made|put|come|kept|stuck|managed|taken)\b.{0,50}\b(?:hard|well|effort|progress|a\s+lot|far|great|real|commitment|dedication|consisten|initiative|step)|"
         r"\bit\s+takes\s+(?:a\s+lot|real)\b|\b(?:it\s+)?takes\s+(?:real\s+|a\s+lot\s+of\s+|some\s+|genuine\s+)?(?:courage|guts|strength|resilience|maturity|honesty|discipline|commitment|self-awareness|insight|persistence)\b|"
         rf"\b{_YOU}\s+(?:clearly\s+|really\s+|obviously\s+|certainly\s+)?(?:worked|put|stuck|kept|pushed|showed|handled|followed|managed|took|made|did|gave)\b.{{0,50}}?\b(?:hard|effort|progress|commitment|dedication|consisten\w*|initiative|persisten\w*|resilien\w*|determination|discipline|courage|(?<!as\s)well)\b"
         r"(?![^.!?]*\b(?:but|yet|though|although|doesn'?t|didn'?t|don'?t|isn'?t|wasn'?t|haven'?t|hasn'?t|which\s+is)\b)|"
         rf"\b{_YOU}(?:'ve|\s+have)?\s+(?:really\s+|always\s+)?(?:stuck\s+with\s+it|kept\s+at\s+it|didn'?t\s+give\s+up|never\s+gave\s+up|followed\s+through)\b|"
         rf"\b{_YOU}(?:'ve|\s+have)\s+been\s+(?:really\s+|very\s+|so\s+|incredibly\s+|remarkably\s+)?(?:honest|open|brave|consistent|disciplined|persistent|generous|resilient)\b|\b(?:you|u)(?:'re|\s+are)\s+(?:clearly\s+|really\s+|obviously\s+|so\s+|very\s+)(?:committed|dedicated|determined|motivated|thoughtful|reflective|resilient|capable|organi[sz]ed|strong|hard-working|self-aware)\b|"
         r"\b(?:that|this)\s+shows\b|\bimpressive\b|\bproud\s+of\s+(?:you|u)\b",
         "An affirmation names a real strength or effort of the student's."),
    _cue("structuring", "structuring",
         r"^\W*(?:so\s+|ok\s+|okay\s+|now\s+|first\s+|to\s+start\s+)?,?\s*let'?s\s+(?!(?:get|put|set|have|start|sign|switch|move)\s+(?:you|u)\b)(?:look|go|start\s+by|review|talk|spend|take\s+a\s+look|see|check|come\s+back|pick\s+up|think|explore|map|break|begin|focus\s+on\s+what\s+(?:you|u)|use\s+(?:our|the)\s+time|recap|summari[sz]e|agree)\b|"
         r"\b(?:today|this\s+session|this\s+meeting)\s+(?:i'?d\s+like|we(?:'ll|\s+will|\s+can|\s+could|\s+have))\b|\bwe(?:'ve|\s+have)\s+(?:got\s+)?(?:about\s+|around\s+)?(?:\w+\s+minutes|half\s+an\s+hour|an\s+hour|\w+\s+hours?)\b(?!\s+of\b)|"
         r"\bbefore\s+we\s+(?:finish|end|wrap\s+up|close|start)\b|\b(?:to\s+recap|to\s+summari[sz]e|in\s+summary|let\s+me\s+summari[sz]e)\b|\bnext\s+time\s+we\s+meet\b|\bwhere\s+would\s+you\s+like\s+to\s+start\b",
         "Structuring the meeting (agenda, time, summary) helps the student know where the conversation is going."),
)

_REFLECTION_FRAME_SOURCE = (
    r"\b(?:it\s+)?(?:sounds|seems|looks|feels)\s+(?:like|as\s+(?:if|though)|that|to\s+me)\b|"
    r"\b(?:you|u)(?:'re|\s+are|\s+were|'ve\s+been)?\s+(?:(?:\w+ly|still|also|always|just|sometimes|often|even)\s+)?(?:feel(?:ing|s)?|felt|think(?:ing)?|thought|believe|sense|wonder(?:ing)?|worr(?:y|ied|ying)|concerned|saying|said|mentioned|"
    r"told\s+me|describ(?:e|ed|ing)|telling\s+(?:me|yourself)|notic(?:e|ed|ing)|realis(?:e|ed|ing)|realiz(?:e|ed|ing)|hoping|hope|wish(?:ing)?|want(?:ing)?|afraid|scared|convinced|sure|unsure|"
    r"not\s+sure|torn|frustrated|stuck|under\s+pressure|expected|supposed|kind\s+of|pulled|caught|guilty|ashamed|embarrassed|overwhelmed|anxious|nervous|tired|exhausted|hearing|being\s+told)\b|"
    r"\bpart\s+of\s+(?:you|u)\b|\bwhat\s+i(?:'m|\s+am)\s+hearing\b|\bi\s+(?:can\s+)?(?:see|tell|hear|sense)\s+(?:that\s+|how\s+(?:much\s+)?)?(?!you\s+(?:should|need|have\s+to|must)\b)|\bon\s+your\s+mind\b|\bif\s+i\s+(?:understand|hear|heard|get)\b|\bin\s+your\s+(?:view|mind|eyes|head)\b|"
    r"\bfor\s+(?:you|u),|\b(?:people|others|everyone|your\s+\w+|they)\s+(?:keep\s+)?(?:tell|told|say|said|expect)(?:s|ing)?\s+(?:you|u)\b|"
    r"\bthe\s+(?:sense|feeling|pressure|message|expectation)\s+(?:that|is\s+that)\b|\bon\s+(?:the\s+)?one\s+hand\b|\byou(?:'re|\s+are)\s+(?:the\s+)?(?:kind|type)\s+of\b|"
    r"\b(?:you|u)\s+(?:know|knew)\s+(?:that\s+)?(?:you|u)\b|\bas\s+if\s+(?:you|u)\b|\b(?:you|u)(?:'ve|\s+have)\s+been\s+(?:told|telling|feeling|thinking)\b"
)
_REFLECTION_FRAME = compile_fast(_REFLECTION_FRAME_SOURCE)
_OWN_VIEW_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|but|well|ok|okay|now|then|um+|uh+|hmm+|yeah|right|alright)\W+)*(?:what(?!\s+about|\s+if)|how(?!\s+about)|which|where|when|who|"
    r"why(?!\s+(?:don'?t|dont|not|wouldn'?t|won'?t|can'?t|couldn'?t)\b)|in\s+what\s+way|to\s+what\s+extent)\b",
)
_OPEN_QUESTION = re.compile(
    rf"{_DISCOURSE}(?:(?:i'?m|i\s+am)\s+(?:curious|wondering)\b|i\s+wonder\b|(?:what|how|why|which|where|when|who|whose|in\s+what\s+way|to\s+what\s+extent)\b|"
    rf"(?:could|can|would|will)\s+(?:you|u)\s+(?:tell|say|describe|walk|talk|share|help\s+me|explain|give\s+me|fill\s+me|remind\s+me|be\s+willing\s+to\s+(?:share|tell|say|talk|walk|describe))\b|"
    rf"i(?:'d|\s+would)\s+(?:love|like)\s+to\s+(?:hear|know|understand|learn)\b|(?:{_INVITATIONS})\b)",
)
_QUESTION_START = re.compile(
    r"^\W*(?:(?:so|and|but|well|ok|okay|now|then)\W+)*(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|should|shall|may|might|am|isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|"
    r"what|how|why|which|where|when|who|whose)\b(?!\s+be\s+(?:worth|good|best|better|nice|great|helpful|useful|wise|smart|a\s+good)\b)",
)
STARTS_WITH_ACTION_VERB = re.compile(rf"^(?:{_ACTION_VERBS}|think|look|sleep|talk)\b", re.IGNORECASE)
_INVITATION_START = re.compile(rf"{_DISCOURSE}(?:{_INVITATIONS})\b")


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a sentence; offsets are relative to the sentence."""

    cue: Cue
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Decision:
    """What the cues say about one sentence."""

    act: str | None  # the act the cues establish, or None where they establish nothing
    is_question: bool
    question_form: str | None  # "open" / "closed" for questions (from grammar), else None
    matches: tuple[CueMatch, ...]  # the matches that justify ``act``
    neutralised: tuple[CueMatch, ...]  # directive-looking matches explained away
    framed: bool = False  # words that frame a reflection ("it sounds like", "you feel", "part of you")


def rule_features(decision: Decision) -> list[str]:
    """Names describing a decision, used as features by the trained heads."""
    names = [f"act:{decision.act}", f"form:{decision.question_form}"]
    names += [f"cue:{m.cue.name}" for m in decision.matches]
    names += [f"neutralised:{m.cue.name}" for m in decision.neutralised]
    if decision.framed:
        names.append("frame:reflection")
    return names


def text_rule_features(text: str) -> list[str]:
    """Rule features of a whole text: those of each of its sentences, merged."""
    names: set[str] = set()
    for span in split_sentences(text):
        names.update(rule_features(decide(span.text)))
    return sorted(names)


def lowered(sentence: str) -> str:
    """The sentence in lower case with straight apostrophes, character for character (so
    match spans stay valid): phones and word processors type "don\u2019t"."""
    low = sentence.lower().replace("\u2019", "'").replace("\u2018", "'")
    if len(low) != len(sentence):  # a few characters ("İ") lower-case to two
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence).replace("\u2019", "'")
    return low


def is_question(sentence: str) -> bool:
    """A sentence is a question if it ends in "?" or opens like one (trainees drop the "?")."""
    stripped = lowered(sentence).rstrip()
    return stripped.endswith("?") or bool(_QUESTION_START.match(stripped) and not stripped.endswith((".", "!")))


def _matches(cues: tuple[Cue, ...], low: str, sentence: str, question: bool) -> list[CueMatch]:
    """Every match of ``cues`` in ``low`` (the lowered ``sentence``); texts come from ``sentence``."""
    found = []
    excluded = "statement" if question else "question"
    for cue in cues:
        if cue.scope == excluded:
            continue
        for m in cue.pattern.finditer(low):
            start, end = m.span()
            if end == start:  # a look-ahead-only pattern: point at the first few words
                end = min(len(sentence), start + max(1, sentence.find(" ", 20) if " " in sentence[20:] else len(sentence)))
            text = sentence[start:end].strip()
            lead = len(sentence[start:end]) - len(sentence[start:end].lstrip())
            found.append(CueMatch(cue, start + lead, start + lead + len(text), text))
    return found


@lru_cache(maxsize=1 << 14)  # short sentences ("Okay.", "Mm-hmm.") recur constantly
def decide(sentence: str) -> Decision:
    """Decide what the cues in one sentence establish.

    Order of precedence: asking permission makes even a suggestion collaborative; then
    directive acts (advice, leading question, persuasion, reassurance) unless the directive
    words sit inside a reflection of the student's own view ("You feel you should...") or a
    question about it ("What do you think you should do?"); then options, autonomy,
    affirmation and structuring; then the grammar of questions and invitations.
    """
    low = lowered(sentence)
    question = is_question(sentence)
    own_view = question and bool(_OWN_VIEW_QUESTION.match(low))
    frame = _REFLECTION_FRAME.search(low)
    framed = frame is not None
    permission = _matches(INQUIRY_CUES[:1], low, sentence, question)
    if permission:
        return Decision("seeking_collaboration", question, "closed" if question else None, tuple(permission), ())
    if own_view:  # "What makes you think it's normal?" asks for the student's view
        directive = []
    elif question:
        directive = _matches(REASSURANCE_CUES + PERSUASION_CUES + LEADING_CUES, low, sentence, question)
    else:
        directive = _matches(REASSURANCE_CUES + PERSUASION_CUES + DIRECTIVE_CUES, low, sentence, question)
    kept, neutralised = [], []
    for match in directive:
        reflected = frame is not None and frame.start() < match.start and match.cue.act == "advice"
        (neutralised if reflected else kept).append(match)
    inquiry = _matches(INQUIRY_CUES[1:], low, sentence, question)
    options = [m for m in inquiry if m.cue.act in ("options", "emphasizing_autonomy")]
    if kept and options and all(m.cue.name in ("hedged_advice", "imperative") for m in kept):
        neutralised += kept  # "You could try X or Y - which fits you?" offers, it does not tell
        kept = []
    kept = list({(m.start, m.end): m for m in kept}.values())  # two cues on one span count once
    if kept:
        order = ("advice", "leading_question", "persuasion", "reassurance")
        kept.sort(key=lambda m: (order.index(m.cue.act), m.start))
        act = kept[0].cue.act
        return Decision(act, question, "closed" if question else None, tuple(m for m in kept if m.cue.act == act),
                        tuple(neutralised), framed)
    form = None
    if question:
        form = "open" if _OPEN_QUESTION.match(low) else "closed"
    if inquiry:
        order = ("emphasizing_autonomy", "options", "affirmation", "structuring")
        inquiry.sort(key=lambda m: (order.index(m.cue.act), m.start))
        act = inquiry[0].cue.act
        if not (question and act in ("affirmation", "structuring", "emphasizing_autonomy")):
            return Decision(act, question, form, tuple(m for m in inquiry if m.cue.act == act), tuple(neutralised), framed)
    if not question and _INVITATION_START.match(low):
        return Decision("open_question", False, "open", (), tuple(neutralised), framed)
    return Decision(None, question, form, (), tuple(neutralised), framed)
