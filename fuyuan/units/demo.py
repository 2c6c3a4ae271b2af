"""Demo data: the member units, groups and roster of the Wushen Banner plan (乌政发〔2023〕9号)."""

import datetime

from .models import MemberUnit, Position, RosterPosition, UnitGroup, UnitKind

G, C, P, T, OTHER = UnitKind.GOVERNMENT, UnitKind.COURT, UnitKind.PROCURATORATE, UnitKind.TOWNSHIP, UnitKind.OTHER

# (name as printed, short name, aliases, kind) in the roster's order.
UNITS = [
    ("旗政府办", "政府办", ["旗人民政府办公室", "政府办公室"], G),
    ("旗人民法院", "法院", ["旗法院", "乌审旗人民法院"], C),
    ("旗人民检察院", "检察院", ["旗检察院", "乌审旗人民检察院"], P),
    ("旗发改委", "发改委", ["旗发展和改革委员会"], G),
    ("旗教体局", "教体局", [], G),
    ("旗工科局", "工科局", [], G),
    ("旗民委", "民委", [], G),
    ("旗民政局", "民政局", [], G),
    ("旗公安局", "公安局", [], G),
    ("旗司法局", "司法局", [], G),
    ("旗财政局", "财政局", ["财政部门"], G),
    ("旗人社局", "人社局", [], G),
    ("旗自然资源局", "自然资源局", [], G),
    ("旗住建局", "住建局", [], G),
    ("旗交通局", "交通局", [], G),
    ("旗水利局", "水利局", [], G),
    ("旗农牧局", "农牧局", [], G),
    ("旗文旅局", "文旅局", [], G),
    ("旗卫健委", "卫健委", [], G),
    ("旗退役军人事务局", "退役军人事务局", [], G),
    ("旗应急管理局", "应急管理局", [], G),
    ("旗审计局", "审计局", [], G),
    ("旗国资委", "国资委", [], G),
    # 市场监管局 is the official short form; the 2023 plan prints 市场监督局, kept as an alias so it still matches.
    ("旗市场监督管理局", "市场监管局", ["旗市场监管局", "市场监督局"], G),
    ("旗统计局", "统计局", [], G),
    ("旗能源局", "能源局", [], G),
    ("旗林草局", "林草局", [], G),
    ("旗医疗保障局", "医疗保障局", ["医保局"], G),
    ("旗信访局", "信访局", [], G),
    ("旗政务服务局", "政务服务局", [], G),
    ("旗城市管理综合行政执法局", "城市管理综合行政执法局", ["城管局"], G),
    ("市生态环境局乌审分局", "生态环境分局", ["生态环境局乌审分局"], G),
    ("旗金融服务中心", "金融服务中心", [], G),
    ("旗科技创新和大数据中心", "大数据中心", [], G),
    ("嘎鲁图镇人民政府", "嘎鲁图镇", [], T),
    ("乌审召镇人民政府", "乌审召镇", [], T),
    ("图克镇人民政府", "图克镇", [], T),
    ("乌兰陶勒盖镇人民政府", "乌兰陶勒盖镇", [], T),
    ("无定河镇人民政府", "无定河镇", [], T),
    ("苏力德苏木人民政府", "苏力德苏木", [], T),
    ("苏里格经济开发区管委会", "苏里格开发区", [], OTHER),
]

# Printed collectives: "旗直各部门" stands for every banner-level department (not court, procuratorate, townships).
GROUPS = [
    ("旗直各部门", ["旗直各相关部门", "旗直各相关涉事部门", "旗直各相关职能部门", "相关涉事部门"],
     lambda u: u.kind == G),
    ("各苏木镇人民政府", ["各苏木镇", "苏木镇人民政府"], lambda u: u.kind == T),
]

ROSTER_SINCE = datetime.date(2023, 4, 18)
# (position, name as printed, office held, unit name)
ROSTER = [
    (Position.CONVENER, "希尼", "旗委副书记、政府旗长", "旗政府办"),
    (Position.EXECUTIVE_DEPUTY, "周", "旗委常委、政府副旗长", "旗政府办"),
    (Position.DEPUTY, "常玉君", "旗政府副旗长、公安局局长", "旗公安局"),
    (Position.DEPUTY, "郝玉林", "旗人民法院院长", "旗人民法院"),
    (Position.DEPUTY, "", "旗人民检察院检察长", "旗人民检察院"),
    (Position.DEPUTY, "王耀强", "旗司法局局长", "旗司法局"),
]


def load_units():
    """Create or refresh the demo units, groups and roster; returns the units by name."""
    units = {}
    for order, (name, short, aliases, kind) in enumerate(UNITS, start=1):
        unit, _ = MemberUnit.objects.update_or_create(
            name=name, defaults={"short_name": short, "aliases": aliases, "kind": kind, "order": order * 10}
        )
        units[name] = unit
    for order, (name, aliases, belongs) in enumerate(GROUPS, start=1):
        group, _ = UnitGroup.objects.update_or_create(name=name, defaults={"aliases": aliases, "order": order})
        group.units.set([u for u in units.values() if belongs(u)])
    for order, (position, person, title, unit_name) in enumerate(ROSTER, start=1):
        RosterPosition.objects.update_or_create(
            position=position, title=title, started_on=ROSTER_SINCE,
            defaults={"person_name": person, "unit": units[unit_name], "order": order},
        )
    for order, unit in enumerate(units.values(), start=100):
        if unit.kind in (G, C, P, T):
            RosterPosition.objects.update_or_create(
                position=Position.UNIT_HEAD, unit=unit, started_on=ROSTER_SINCE,
                defaults={"title": f"{unit.display_name}主要负责同志", "order": order},
            )
    return units
