"""The shared vocabulary: stop words and reporting frames, used by every stage that reads words.

- :data:`ZH_STOP`, :data:`ZH_EDGE_STOP`, :data:`EN_STOP` -- function words: a phrase made
  only of these, or (Chinese) starting or ending with one of the edge list, is no phrase;
  keyness and themes leave them out.
- :data:`SALUTATIONS` -- forms of address (女士们、先生们, ladies and gentlemen) that are
  never a formulation.
- :data:`REPORTING_FRAME` -- the clause that wraps reported speech in news (习近平指出，),
  cut out of what is compared.

Kept here, at the bottom of the package, so that the aligner, the role classifier and the
analyses read one list instead of importing each other.
"""

from __future__ import annotations

import re

__all__ = ["REPORTING_FRAME"]


# Function words: a phrase made only of these, or starting/ending with one, is no phrase.
ZH_STOP = frozenset(
    """的 了 和 与 及 以及 或 或者 并 并且 而 而且 但 但是 是 在 对 对于 把 被 将 要 会
    能 可以 就 也 都 还 又 等 这 那 这个 这些 那些 其 其中 之 所 所以 因为 为 为了 以
    由 从 向 于 给 让 使 着 过 得 地 我们 你们 他们 我 你 他 她 它 各 各个 一个 有
    没有 不 中 上 下 里 后 前 年 月 日 个 之一 其他 一些 一切 进一步 同时 通过 按照 根据
    关于 已经 继续 更加 更 很 最 不断 加快 加强 推进 坚持 进行 实现 提高 推动 促进 深化
    实施 完善 一是 二是 三是 四是 五是""".split()
)


# Edges may not be function words; phrases may start with strong verbs (坚持, 推动 ...) and
# with 以/为, which open formulas (以人民为中心, 为人民服务).
ZH_EDGE_STOP = frozenset(
    """的 了 和 与 及 以及 或 并 而 但 是 在 对 把 被 将 要 会 能 就 也 都 还 又 等 这
    那 其 之 所 由 从 向 于 给 让 使 着 过 得 地 中 上 下 里 后 前 个 一个 各 不 有
    更加 更 很 最 同时 通过 年 月 日 号 届 次 名""".split()
)


EN_STOP = frozenset(
    """a an the and or but nor of in on at to for from by with as into onto upon about over under between
        among through during before after above below is are was were be been being am do does did have has
        had will would shall should can could may might must this that these those it its it's we our ours
        us you your yours they their them he his him she her i me my mine not no so than then there here
        which who whom whose what when where why how all any each every both either neither some such very
        also just only own same too more most other""".split()
)


SALUTATIONS = (
    "各位代表",
    "各位嘉宾",
    "各位朋友",
    "各位来宾",
    "女士们",
    "先生们",
    "朋友们",
    "同志们",
    "谢谢大家",
    "谢谢",
    "ladies and gentlemen",
    "thank you",
)


#: A leading reporting clause: who said it and the verb of saying (narration, not quotation).
REPORTING_FRAME = {
    "zh": re.compile(r"^[^，。：；！？“”\s]{1,16}?(?:指出|强调|表示|说道|说|提出|认为|宣布|称|介绍|讲道|写道)[，：:]"),
    "en": re.compile(
        r"^(?:[A-Z][\w.'\- ]{0,40}?|he|she|they|it|we)\s+(?:said|says|noted|stressed|added|stated|emphasi[sz]ed|"
        r"declared|told [\w ]{1,30}?)(?:\s+that)?[,:]?\s+",
        re.IGNORECASE,
    ),
}
