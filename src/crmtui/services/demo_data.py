"""Word lists for the demo data: Chinese and English names, companies, cities, notes."""

from __future__ import annotations

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
         "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "建国", "志强", "海燕", "晓东",
         "文", "斌", "宇", "浩", "凯", "婷", "雪", "琳", "鹏", "辉", "玲", "红", "春梅", "立新",
         "思远", "子涵", "梓萱", "一鸣", "嘉怡", "俊杰", "欣怡", "宏伟", "晓明"]  # fmt: skip
CN_TRADE_NAMES = ["宏达", "华信", "恒通", "金源", "鑫隆", "瑞丰", "中科", "天成", "永盛", "东方",
                  "新锐", "博远", "嘉禾", "德润", "利华", "盛世", "安泰", "正泰", "远航", "联创"]  # fmt: skip
CN_INDUSTRIES = [("机械", "manufacturing"), ("电子", "electronics"), ("贸易", "trade"),
                 ("科技", "software"), ("化工", "chemicals"), ("食品", "food"),
                 ("建材", "construction"), ("物流", "logistics"), ("医疗器械", "medical"),
                 ("纺织", "textiles")]  # fmt: skip
CN_SUFFIX = ["有限公司", "股份有限公司", "集团有限公司", "实业有限公司"]
FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel",
         "Karen", "Emma", "Oliver", "Sophie", "Lucas", "Chloe", "Noah", "Mia", "Liam", "Olivia"]  # fmt: skip
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
        "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Young",
        "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell"]  # fmt: skip
EN_COMPANY = ["Acme", "Northwind", "Blue Harbor", "Summit", "Pioneer", "Redwood", "Atlas",
              "Granite", "Silverline", "Maple", "Keystone", "Brightpath", "Ironclad", "Harbor",
              "Evergreen", "Lakeside", "Crescent", "Vertex", "Orchard", "Beacon"]  # fmt: skip
EN_KIND = [("Tools", "manufacturing"), ("Logistics", "logistics"), ("Foods", "food"),
           ("Systems", "software"), ("Supply", "trade"), ("Medical", "medical"),
           ("Electronics", "electronics"), ("Builders", "construction")]  # fmt: skip
EN_SUFFIX = ["Ltd", "Inc.", "LLC", "Group", "Co.", "GmbH", "Pty Ltd"]
# city, country, zone, phone prefix, local digits
CN_CITIES = [("上海", "Shanghai", "+86 21 ", 8), ("北京", "Beijing", "+86 10 ", 8),
             ("深圳", "Shenzhen", "+86 755 ", 8), ("广州", "Guangzhou", "+86 20 ", 8),
             ("杭州", "Hangzhou", "+86 571 ", 8), ("成都", "Chengdu", "+86 28 ", 8),
             ("苏州", "Suzhou", "+86 512 ", 8), ("武汉", "Wuhan", "+86 27 ", 8)]  # fmt: skip
WORLD_CITIES = [("New York", "US", "America/New_York", "+1 212 555 01"),
                ("Chicago", "US", "America/Chicago", "+1 312 555 01"),
                ("San Francisco", "US", "America/Los_Angeles", "+1 415 555 01"),
                ("Toronto", "CA", "America/Toronto", "+1 416 555 01"),
                ("London", "GB", "Europe/London", "+44 20 7946 0"),
                ("Paris", "FR", "Europe/Paris", "+33 1 70 36 "),
                ("Sydney", "AU", "Australia/Sydney", "+61 2 5550 "),
                ("Singapore", "SG", "Asia/Singapore", "+65 6555 ")]  # fmt: skip
ROLES = ["采购经理", "总经理", "技术总监", "财务", "Purchasing Manager", "CEO", "CTO",
         "Office Manager", "Engineer", "销售总监"]  # fmt: skip
TAGS = ["vip", "展会", "referral", "老客户", "distributor", "key-account", "price-sensitive"]
SOURCES = ["展会", "referral", "website", "cold call", "老客户介绍", "LinkedIn", "advertising"]
CALL_NOTES = ["谈了新报价，客户要再考虑", "asked for a sample", "约了下周拜访", "left a message",
              "需要技术资料", "discussed delivery dates", "对价格有异议", "wants a demo",
              "决策人出差中", "happy with the last order"]  # fmt: skip
LOST_REASONS = ["价格太高", "chose a competitor", "budget cut", "交期太长", "no decision made"]
COMPETITORS = ["Contoso", "Fabrikam", "华强", "Initech", "远大"]
OPP_TITLES = ["年度采购框架", "设备升级", "Annual supply contract", "Pilot order", "备件采购",
              "Service renewal", "新产线设备", "Software licences"]  # fmt: skip
NOTES = ["周五前把报价单发给宏达", "Trade fair in Guangzhou next month: book the stand",
         "Q4 target: 12 new customers", "月底核对应收账款"]  # fmt: skip
