extension SampleTopics {
    /// The topics, in the order families' and mentors' lists are written, with their texts.
    static let all: [SampleTopic] = [distanceLearning, reopening, biliteracy, funding, lcap, college, reclassification,
                                     mentalHealth, elac]

    static let distanceLearning = SampleTopic(id: "distance-learning", required: false, from: "", until: "", texts: [
        ("en", "Distance learning at home", "How your child's online classes work, how to use the school's learning apps, and how to help your child keep a routine at home."),
        ("es", "Aprendizaje a distancia en casa", "Cómo funcionan las clases en línea de su hijo, cómo usar las aplicaciones de aprendizaje de la escuela y cómo ayudarle a mantener una rutina en casa."),
        ("vi", "Học từ xa tại nhà", "Cách các lớp học trực tuyến của con quý vị diễn ra, cách dùng các ứng dụng học tập của trường, và cách giúp con giữ nề nếp sinh hoạt ở nhà."),
        ("zh-Hans", "在家远程学习", "孩子的网课如何进行，如何使用学校的学习应用，以及如何帮助孩子在家保持规律的作息。"),
        ("zh-Hant", "在家遠距學習", "孩子的線上課程如何進行，如何使用學校的學習應用程式，以及如何幫助孩子在家保持規律的作息。"),
        ("yue", "喺屋企遙距學習", "你啲仔女嘅網課點樣上，點樣用學校嘅學習應用程式，同埋點樣幫佢哋喺屋企保持規律嘅作息。"),
        ("ko", "가정에서의 원격 학습", "자녀의 온라인 수업이 어떻게 진행되는지, 학교 학습 앱을 사용하는 방법, 자녀가 집에서 규칙적인 생활을 유지하도록 돕는 방법."),
        ("ar", "التعلّم عن بُعد في المنزل", "كيف تسير دروس طفلك عبر الإنترنت، وكيف تستخدم تطبيقات التعلّم الخاصة بالمدرسة، وكيف تساعد طفلك على الحفاظ على روتين منتظم في المنزل."),
        ("tl", "Pag-aaral mula sa bahay", "Paano gumagana ang mga online na klase ng inyong anak, paano gamitin ang mga learning app ng paaralan, at paano tulungan ang inyong anak na magkaroon ng regular na gawain sa bahay."),
        ("ru", "Дистанционное обучение дома", "Как проходят онлайн-уроки вашего ребёнка, как пользоваться учебными приложениями школы и как помочь ребёнку соблюдать режим дня дома."),
        ("pa", "ਘਰ ਤੋਂ ਆਨਲਾਈਨ ਪੜ੍ਹਾਈ", "ਤੁਹਾਡੇ ਬੱਚੇ ਦੀਆਂ ਆਨਲਾਈਨ ਕਲਾਸਾਂ ਕਿਵੇਂ ਚੱਲਦੀਆਂ ਹਨ, ਸਕੂਲ ਦੀਆਂ ਪੜ੍ਹਾਈ ਵਾਲੀਆਂ ਐਪਾਂ ਕਿਵੇਂ ਵਰਤਣੀਆਂ ਹਨ, ਅਤੇ ਘਰ ਵਿੱਚ ਬੱਚੇ ਦੀ ਨਿਯਮਤ ਦਿਨਚਰਿਆ ਬਣਾਈ ਰੱਖਣ ਵਿੱਚ ਮਦਦ ਕਿਵੇਂ ਕਰਨੀ ਹੈ।"),
        ("hmn", "Kev kawm ntawv online hauv tsev", "Koj tus menyuam cov chav kawm online ua li cas, siv tsev kawm ntawv cov app kawm ntawv li cas, thiab pab koj tus menyuam ua raws nws lub sijhawm niaj hnub hauv tsev li cas."),
    ])

    static let reopening = SampleTopic(id: "reopening", required: false, from: "08-01", until: "10-31", texts: [
        ("en", "School reopening plans", "What the school's plan for in-person learning means for your family: schedules, health and safety rules, and whom to ask."),
        ("es", "Planes de reapertura de las escuelas", "Qué significa para su familia el plan de la escuela para las clases presenciales: horarios, normas de salud y seguridad, y a quién preguntar."),
        ("vi", "Kế hoạch mở cửa lại trường học", "Kế hoạch học trực tiếp của trường có ý nghĩa gì với gia đình quý vị: thời khóa biểu, quy định về sức khỏe và an toàn, và nên hỏi ai."),
        ("zh-Hans", "学校复课计划", "学校的面授教学计划对您的家庭意味着什么：课程安排、健康与安全规定，以及应该向谁咨询。"),
        ("zh-Hant", "學校復課計畫", "學校的實體教學計畫對您的家庭有什麼影響：課表、健康與安全規定，以及應該向誰詢問。"),
        ("yue", "學校復課計劃", "學校面授上堂嘅計劃對你屋企有咩影響：時間表、健康同安全規定，同埋應該問邊個。"),
        ("ko", "학교 재개 계획", "대면 수업을 위한 학교 계획이 가정에 어떤 의미인지: 시간표, 보건·안전 규정, 문의할 곳."),
        ("ar", "خطط إعادة فتح المدارس", "ماذا تعني خطة المدرسة للتعليم الحضوري لعائلتك: الجداول، وقواعد الصحة والسلامة، ومن تسأل."),
        ("tl", "Mga plano sa muling pagbubukas ng paaralan", "Ano ang kahulugan para sa inyong pamilya ng plano ng paaralan para sa harapang pag-aaral: mga iskedyul, mga patakaran sa kalusugan at kaligtasan, at kung kanino magtatanong."),
        ("ru", "Планы возобновления очных занятий", "Что означает для вашей семьи план школы по возвращению к очному обучению: расписание, правила охраны здоровья и безопасности и к кому обращаться с вопросами."),
        ("pa", "ਸਕੂਲ ਮੁੜ ਖੋਲ੍ਹਣ ਦੀਆਂ ਯੋਜਨਾਵਾਂ", "ਕਲਾਸਾਂ ਵਿੱਚ ਆਹਮੋ-ਸਾਹਮਣੇ ਪੜ੍ਹਾਈ ਲਈ ਸਕੂਲ ਦੀ ਯੋਜਨਾ ਦਾ ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਲਈ ਕੀ ਮਤਲਬ ਹੈ: ਸਮਾਂ-ਸਾਰਣੀ, ਸਿਹਤ ਅਤੇ ਸੁਰੱਖਿਆ ਦੇ ਨਿਯਮ, ਅਤੇ ਕਿਸ ਤੋਂ ਪੁੱਛਣਾ ਹੈ।"),
        ("hmn", "Cov phiaj xwm rov qhib tsev kawm ntawv", "Tsev kawm ntawv txoj phiaj xwm rov los kawm ntawv ntsej muag rau ntsej muag txhais li cas rau koj tsev neeg: lub sijhawm kawm, cov cai kev noj qab haus huv thiab kev nyab xeeb, thiab yuav nug leej twg."),
    ])

    static let biliteracy = SampleTopic(id: "biliteracy", required: true, from: "09-01", until: "03-31", texts: [
        ("en", "The State Seal of Biliteracy", "How students earn the Seal of Biliteracy on their high school diploma by mastering English and another language, and how to plan for it from the early grades."),
        ("es", "El Sello Estatal de Lectoescritura Bilingüe", "Cómo los estudiantes obtienen el Sello de Lectoescritura Bilingüe en su diploma de preparatoria al dominar el inglés y otro idioma, y cómo prepararse desde los primeros grados."),
        ("vi", "Con dấu Song ngữ của Tiểu bang", "Học sinh nhận Con dấu Song ngữ trên bằng tốt nghiệp trung học như thế nào khi thông thạo tiếng Anh và một ngôn ngữ khác, và cách chuẩn bị từ những lớp đầu tiên."),
        ("zh-Hans", "加州双语能力印章", "学生如何通过精通英语和另一种语言，在高中毕业证书上获得双语能力印章，以及如何从低年级开始做准备。"),
        ("zh-Hant", "加州雙語能力印章", "學生如何透過精通英語和另一種語言，在高中畢業證書上獲得雙語能力印章，以及如何從低年級開始準備。"),
        ("yue", "加州雙語能力印章", "學生點樣精通英文同另一種語言，喺高中畢業證書上攞到雙語能力印章，同埋點樣由低年級開始準備。"),
        ("ko", "캘리포니아주 이중언어 인증", "학생이 영어와 다른 언어에 능숙해져 고등학교 졸업장에 이중언어 인증을 받는 방법과 저학년부터 준비하는 방법."),
        ("ar", "ختم الولاية لإتقان لغتين", "كيف يحصل الطلاب على ختم إتقان لغتين على شهادة الثانوية العامة بإتقان الإنجليزية ولغة أخرى، وكيف تستعدون لذلك منذ الصفوف الأولى."),
        ("tl", "Ang State Seal of Biliteracy", "Paano nakukuha ng mga estudyante ang Seal of Biliteracy sa kanilang diploma sa high school sa pamamagitan ng pagiging bihasa sa Ingles at sa isa pang wika, at paano ito paghandaan mula sa mga unang baitang."),
        ("ru", "Знак двуязычной грамотности штата", "Как учащиеся получают знак двуязычной грамотности в аттестате старшей школы, свободно владея английским и ещё одним языком, и как готовиться к этому с младших классов."),
        ("pa", "ਰਾਜ ਦੀ ਦੋਭਾਸ਼ੀ ਮੋਹਰ", "ਵਿਦਿਆਰਥੀ ਅੰਗਰੇਜ਼ੀ ਅਤੇ ਇੱਕ ਹੋਰ ਭਾਸ਼ਾ ਵਿੱਚ ਮੁਹਾਰਤ ਹਾਸਲ ਕਰਕੇ ਹਾਈ ਸਕੂਲ ਦੇ ਡਿਪਲੋਮੇ ਉੱਤੇ ਦੋਭਾਸ਼ੀ ਮੋਹਰ ਕਿਵੇਂ ਪ੍ਰਾਪਤ ਕਰਦੇ ਹਨ, ਅਤੇ ਸ਼ੁਰੂਆਤੀ ਜਮਾਤਾਂ ਤੋਂ ਇਸ ਦੀ ਤਿਆਰੀ ਕਿਵੇਂ ਕਰਨੀ ਹੈ।"),
        ("hmn", "Lub Xeev Lub Foob Paub Ob Hom Lus", "Cov tub ntxhais kawm tau txais Lub Foob Paub Ob Hom Lus rau ntawm lawv daim ntawv kawm tiav high school li cas thaum lawv txawj lus Askiv thiab lwm hom lus zoo, thiab yuav npaj li cas txij thaum qib qis."),
    ])

    static let funding = SampleTopic(id: "funding", required: false, from: "10-01", until: "02-28", texts: [
        ("en", "State funding for English learners", "How California's Local Control Funding Formula gives the district extra money for English learners, and how families can see where it goes."),
        ("es", "Fondos estatales para estudiantes de inglés", "Cómo la Fórmula de Financiamiento de Control Local (LCFF) de California da al distrito fondos adicionales para los estudiantes de inglés, y cómo las familias pueden ver en qué se usan."),
        ("vi", "Ngân sách tiểu bang dành cho học sinh học tiếng Anh", "Công thức Tài trợ Kiểm soát Địa phương (LCFF) của California cấp thêm tiền cho học khu để hỗ trợ học sinh học tiếng Anh như thế nào, và gia đình có thể xem số tiền đó được dùng vào đâu."),
        ("zh-Hans", "州政府对英语学习者的拨款", "加州的地方控制拨款方案（LCFF）如何为学区提供额外经费来支持英语学习者，以及家长如何了解这些经费的用途。"),
        ("zh-Hant", "州政府對英語學習者的撥款", "加州的地方控制撥款方案（LCFF）如何為學區提供額外經費來支持英語學習者，以及家長如何了解這些經費的用途。"),
        ("yue", "州政府俾英語學習者嘅撥款", "加州嘅地方控制撥款方案（LCFF）點樣俾學區額外經費支援英語學習者，同埋家長點樣睇到啲錢用咗喺邊度。"),
        ("ko", "영어 학습자를 위한 주정부 예산", "캘리포니아의 지역 통제 재정 공식(LCFF)이 영어 학습자를 위해 교육구에 추가 예산을 주는 방식과 가정에서 그 예산이 어디에 쓰이는지 확인하는 방법."),
        ("ar", "تمويل الولاية لمتعلّمي اللغة الإنجليزية", "كيف تمنح صيغة التمويل المحلي (LCFF) في كاليفورنيا المنطقة التعليمية أموالًا إضافية لمتعلّمي اللغة الإنجليزية، وكيف يمكن للعائلات معرفة أوجه إنفاقها."),
        ("tl", "Pondo ng estado para sa mga English learner", "Paano nagbibigay ang Local Control Funding Formula (LCFF) ng California ng dagdag na pondo sa distrito para sa mga English learner, at paano makikita ng mga pamilya kung saan ito ginagamit."),
        ("ru", "Финансирование штата для изучающих английский язык", "Как калифорнийская формула местного контроля финансирования (LCFF) даёт округу дополнительные средства для учащихся, изучающих английский язык, и как семьи могут узнать, на что они идут."),
        ("pa", "ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲਿਆਂ ਲਈ ਰਾਜ ਦਾ ਫੰਡ", "ਕੈਲੀਫ਼ੋਰਨੀਆ ਦਾ ਲੋਕਲ ਕੰਟਰੋਲ ਫੰਡਿੰਗ ਫ਼ਾਰਮੂਲਾ (LCFF) ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲੇ ਵਿਦਿਆਰਥੀਆਂ ਲਈ ਡਿਸਟ੍ਰਿਕਟ ਨੂੰ ਵਾਧੂ ਪੈਸਾ ਕਿਵੇਂ ਦਿੰਦਾ ਹੈ, ਅਤੇ ਪਰਿਵਾਰ ਕਿਵੇਂ ਦੇਖ ਸਕਦੇ ਹਨ ਕਿ ਇਹ ਕਿੱਥੇ ਖ਼ਰਚ ਹੁੰਦਾ ਹੈ।"),
        ("hmn", "Lub xeev cov nyiaj pab rau cov tub ntxhais kawm lus Askiv", "California txoj Local Control Funding Formula (LCFF) muab nyiaj ntxiv rau lub koog tsev kawm ntawv rau cov tub ntxhais kawm lus Askiv li cas, thiab tsev neeg saib tau li cas tias cov nyiaj siv rau dab tsi."),
    ])

    static let lcap = SampleTopic(id: "lcap", required: true, from: "01-10", until: "05-31", texts: [
        ("en", "The district's plan for English learners (LCAP)", "The Local Control and Accountability Plan: what the district promises English learners this year, and how to give your opinion before the board adopts it."),
        ("es", "El plan del distrito para los estudiantes de inglés (LCAP)", "El Plan de Control Local y Rendición de Cuentas: lo que el distrito promete este año a los estudiantes de inglés, y cómo dar su opinión antes de que la mesa directiva lo apruebe."),
        ("vi", "Kế hoạch của học khu cho học sinh học tiếng Anh (LCAP)", "Kế hoạch Kiểm soát và Trách nhiệm Địa phương: những gì học khu cam kết với học sinh học tiếng Anh trong năm nay, và cách góp ý trước khi hội đồng giáo dục thông qua."),
        ("zh-Hans", "学区的英语学习者计划（LCAP）", "地方控制与问责计划：学区今年对英语学习者的承诺，以及如何在教育委员会通过之前提出您的意见。"),
        ("zh-Hant", "學區的英語學習者計畫（LCAP）", "地方控制與問責計畫：學區今年對英語學習者的承諾，以及如何在教育委員會通過之前提出您的意見。"),
        ("yue", "學區嘅英語學習者計劃（LCAP）", "地方控制與問責計劃：學區今年對英語學習者嘅承諾，同埋點樣喺教育委員會通過之前講出你嘅意見。"),
        ("ko", "영어 학습자를 위한 교육구 계획(LCAP)", "지역 통제 책무 계획: 올해 교육구가 영어 학습자에게 약속하는 내용과 교육위원회가 채택하기 전에 의견을 내는 방법."),
        ("ar", "خطة المنطقة التعليمية لمتعلّمي اللغة الإنجليزية (LCAP)", "خطة الرقابة المحلية والمساءلة: ما تتعهّد به المنطقة التعليمية لمتعلّمي اللغة الإنجليزية هذا العام، وكيف تُبدي رأيك قبل أن يعتمدها مجلس التعليم."),
        ("tl", "Ang plano ng distrito para sa mga English learner (LCAP)", "Ang Local Control and Accountability Plan: ang ipinapangako ng distrito sa mga English learner ngayong taon, at paano ibibigay ang inyong opinyon bago ito aprubahan ng school board."),
        ("ru", "План округа для изучающих английский язык (LCAP)", "План местного контроля и подотчётности: что округ обещает в этом году учащимся, изучающим английский язык, и как высказать своё мнение, пока совет по образованию его не утвердил."),
        ("pa", "ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲਿਆਂ ਲਈ ਡਿਸਟ੍ਰਿਕਟ ਦੀ ਯੋਜਨਾ (LCAP)", "ਲੋਕਲ ਕੰਟਰੋਲ ਐਂਡ ਅਕਾਊਂਟੇਬਿਲਿਟੀ ਪਲੈਨ: ਇਸ ਸਾਲ ਡਿਸਟ੍ਰਿਕਟ ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲੇ ਵਿਦਿਆਰਥੀਆਂ ਨਾਲ ਕੀ ਵਾਅਦਾ ਕਰਦਾ ਹੈ, ਅਤੇ ਬੋਰਡ ਵੱਲੋਂ ਇਸ ਨੂੰ ਮਨਜ਼ੂਰ ਕਰਨ ਤੋਂ ਪਹਿਲਾਂ ਆਪਣੀ ਰਾਏ ਕਿਵੇਂ ਦੇਣੀ ਹੈ।"),
        ("hmn", "Lub koog tsev kawm ntawv txoj phiaj xwm rau cov tub ntxhais kawm lus Askiv (LCAP)", "Local Control and Accountability Plan: yam uas lub koog tsev kawm ntawv cog lus rau cov tub ntxhais kawm lus Askiv xyoo no, thiab koj yuav qhia koj lub tswv yim li cas ua ntej pawg thawj coj pom zoo rau nws."),
    ])

    static let college = SampleTopic(id: "college", required: false, from: "10-01", until: "03-02", texts: [
        ("en", "College and financial aid", "The A–G courses, college applications and financial aid: when to file the FAFSA or the California Dream Act Application."),
        ("es", "La universidad y la ayuda financiera", "Los cursos A–G, las solicitudes a la universidad y la ayuda financiera: cuándo presentar la FAFSA o la Solicitud de la Ley Dream de California."),
        ("vi", "Đại học và hỗ trợ tài chính", "Các môn học A–G, hồ sơ vào đại học và hỗ trợ tài chính: khi nào nộp đơn FAFSA hoặc Đơn theo Đạo luật Dream của California."),
        ("zh-Hans", "大学与助学金", "A–G课程、大学申请和助学金：何时提交FAFSA或加州梦想法案申请（CADAA）。"),
        ("zh-Hant", "大學與助學金", "A–G課程、大學申請和助學金：何時提交FAFSA或加州夢想法案申請（CADAA）。"),
        ("yue", "大學同助學金", "A–G課程、大學申請同助學金：幾時交FAFSA或者加州夢想法案申請（CADAA）。"),
        ("ko", "대학 진학과 학자금 지원", "A–G 과목, 대학 지원, 학자금 지원: FAFSA 또는 캘리포니아 드림법 신청서(CADAA)를 제출하는 시기."),
        ("ar", "الجامعة والمساعدات المالية", "مقررات A–G، والتقديم إلى الجامعات، والمساعدات المالية: متى تقدّم طلب FAFSA أو طلب قانون الحلم في كاليفورنيا."),
        ("tl", "Kolehiyo at tulong pinansiyal", "Ang mga kursong A–G, mga aplikasyon sa kolehiyo, at tulong pinansiyal: kailan isusumite ang FAFSA o ang California Dream Act Application."),
        ("ru", "Колледж и финансовая помощь", "Курсы A–G, поступление в колледж и финансовая помощь: когда подавать FAFSA или заявление по калифорнийскому закону Dream Act (CADAA)."),
        ("pa", "ਕਾਲਜ ਅਤੇ ਵਿੱਤੀ ਸਹਾਇਤਾ", "A–G ਕੋਰਸ, ਕਾਲਜ ਦੀਆਂ ਅਰਜ਼ੀਆਂ ਅਤੇ ਵਿੱਤੀ ਸਹਾਇਤਾ: FAFSA ਜਾਂ ਕੈਲੀਫ਼ੋਰਨੀਆ ਡ੍ਰੀਮ ਐਕਟ ਦੀ ਅਰਜ਼ੀ ਕਦੋਂ ਭਰਨੀ ਹੈ।"),
        ("hmn", "Tsev kawm qib siab thiab kev pab nyiaj kawm ntawv", "Cov chav kawm A–G, kev thov mus kawm tsev kawm qib siab, thiab kev pab nyiaj kawm ntawv: thaum twg yuav xa daim FAFSA lossis daim ntawv thov California Dream Act."),
    ])

    static let reclassification = SampleTopic(id: "reclassification", required: false, from: "", until: "", texts: [
        ("en", "Reclassification: leaving English learner status", "How the ELPAC test and other measures show that your child is ready to be reclassified as fluent in English, and what changes afterwards."),
        ("es", "Reclasificación: dejar de ser estudiante de inglés", "Cómo el examen ELPAC y otras medidas muestran que su hijo está listo para ser reclasificado como competente en inglés, y qué cambia después."),
        ("vi", "Tái phân loại: khi con không còn là học sinh học tiếng Anh", "Bài kiểm tra ELPAC và các tiêu chí khác cho thấy con quý vị đã sẵn sàng được tái phân loại là thông thạo tiếng Anh như thế nào, và điều gì thay đổi sau đó."),
        ("zh-Hans", "重新分类：不再是英语学习者", "ELPAC考试和其他标准如何证明孩子已可重新分类为英语熟练，以及之后会有哪些变化。"),
        ("zh-Hant", "重新分類：不再是英語學習者", "ELPAC考試和其他標準如何證明孩子已可重新分類為英語流利，以及之後會有哪些變化。"),
        ("yue", "重新分類：唔再係英語學習者", "ELPAC考試同其他標準點樣顯示你啲仔女已經可以重新分類為英文流利，同埋之後有咩唔同。"),
        ("ko", "재분류: 영어 학습자 지위 벗어나기", "ELPAC 시험과 그 밖의 기준으로 자녀가 영어 능숙자로 재분류될 준비가 되었는지 확인하는 방법과 그 이후에 달라지는 점."),
        ("ar", "إعادة التصنيف: الخروج من فئة متعلّمي اللغة الإنجليزية", "كيف يُظهر اختبار ELPAC ومعايير أخرى أن طفلك مستعد لإعادة تصنيفه متقنًا للغة الإنجليزية، وما الذي يتغيّر بعد ذلك."),
        ("tl", "Reclassification: kapag hindi na English learner ang anak", "Paano ipinapakita ng pagsusulit na ELPAC at iba pang sukatan na handa na ang inyong anak na ma-reclassify bilang bihasa sa Ingles, at ano ang nagbabago pagkatapos."),
        ("ru", "Переклассификация: выход из статуса изучающего английский", "Как тест ELPAC и другие показатели подтверждают, что ваш ребёнок готов к переклассификации как свободно владеющий английским, и что меняется после этого."),
        ("pa", "ਮੁੜ-ਵਰਗੀਕਰਨ: ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲੇ ਦੇ ਦਰਜੇ ਤੋਂ ਅੱਗੇ", "ELPAC ਟੈਸਟ ਅਤੇ ਹੋਰ ਮਾਪਦੰਡ ਕਿਵੇਂ ਦਿਖਾਉਂਦੇ ਹਨ ਕਿ ਤੁਹਾਡਾ ਬੱਚਾ ਅੰਗਰੇਜ਼ੀ ਵਿੱਚ ਮਾਹਰ ਵਜੋਂ ਮੁੜ-ਵਰਗੀਕ੍ਰਿਤ ਹੋਣ ਲਈ ਤਿਆਰ ਹੈ, ਅਤੇ ਉਸ ਤੋਂ ਬਾਅਦ ਕੀ ਬਦਲਦਾ ਹੈ।"),
        ("hmn", "Kev hloov pawg: thaum koj tus menyuam tsis yog tus kawm lus Askiv lawm", "Qhov kev xeem ELPAC thiab lwm yam qhia li cas tias koj tus menyuam npaj txhij los hloov mus ua tus txawj lus Askiv, thiab dab tsi hloov tom qab ntawd."),
    ])

    static let mentalHealth = SampleTopic(id: "mental-health", required: false, from: "", until: "", texts: [
        ("en", "Your child's well-being and mental health", "Signs that your child may need support, how to talk about feelings at home, and the counselors and services the district offers for free."),
        ("es", "El bienestar y la salud mental de su hijo", "Señales de que su hijo puede necesitar apoyo, cómo hablar de los sentimientos en casa, y los consejeros y servicios gratuitos que ofrece el distrito."),
        ("vi", "Sức khỏe tinh thần và hạnh phúc của con", "Những dấu hiệu cho thấy con cần được hỗ trợ, cách nói chuyện về cảm xúc ở nhà, và các chuyên viên tư vấn cùng dịch vụ miễn phí của học khu."),
        ("zh-Hans", "孩子的身心健康", "孩子可能需要帮助的迹象，如何在家谈论情绪，以及学区提供的免费辅导员和服务。"),
        ("zh-Hant", "孩子的身心健康", "孩子可能需要幫助的跡象，如何在家談論情緒，以及學區提供的免費輔導員和服務。"),
        ("yue", "仔女嘅身心健康", "仔女可能需要幫助嘅跡象，點樣喺屋企傾下心情，同埋學區提供嘅免費輔導員同服務。"),
        ("ko", "자녀의 정서적 안녕과 정신 건강", "자녀에게 도움이 필요할 수 있다는 신호, 가정에서 감정에 대해 이야기하는 방법, 교육구가 무료로 제공하는 상담사와 서비스."),
        ("ar", "رفاهية طفلك وصحته النفسية", "علامات تدل على أن طفلك قد يحتاج إلى دعم، وكيف تتحدثون عن المشاعر في المنزل، والمرشدون والخدمات المجانية التي تقدّمها المنطقة التعليمية."),
        ("tl", "Ang kapakanan at kalusugang pangkaisipan ng inyong anak", "Mga palatandaan na maaaring kailangan ng inyong anak ng suporta, paano pag-usapan ang damdamin sa bahay, at ang mga libreng counselor at serbisyo ng distrito."),
        ("ru", "Благополучие и психическое здоровье вашего ребёнка", "Признаки того, что ребёнку может понадобиться поддержка, как говорить о чувствах дома и каких бесплатных консультантов и услуги предлагает округ."),
        ("pa", "ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਭਲਾਈ ਅਤੇ ਮਾਨਸਿਕ ਸਿਹਤ", "ਅਜਿਹੇ ਸੰਕੇਤ ਕਿ ਤੁਹਾਡੇ ਬੱਚੇ ਨੂੰ ਸਹਾਇਤਾ ਦੀ ਲੋੜ ਹੋ ਸਕਦੀ ਹੈ, ਘਰ ਵਿੱਚ ਭਾਵਨਾਵਾਂ ਬਾਰੇ ਗੱਲ ਕਿਵੇਂ ਕਰਨੀ ਹੈ, ਅਤੇ ਡਿਸਟ੍ਰਿਕਟ ਵੱਲੋਂ ਮੁਫ਼ਤ ਦਿੱਤੇ ਜਾਂਦੇ ਕਾਊਂਸਲਰ ਅਤੇ ਸੇਵਾਵਾਂ।"),
        ("hmn", "Koj tus menyuam txoj kev noj qab nyob zoo thiab kev puas siab puas ntsws", "Cov cim qhia tias koj tus menyuam yuav xav tau kev pab, yuav tham txog kev xav hauv tsev li cas, thiab cov kws pab tswv yim thiab cov kev pab dawb uas lub koog tsev kawm ntawv muaj."),
    ])

    static let elac = SampleTopic(id: "elac", required: false, from: "08-15", until: "11-30", texts: [
        ("en", "ELAC: the English Learner Advisory Committee", "Every school with 21 or more English learners has an ELAC of parents who advise the principal. Learn what it does, and how to join it or vote in its election."),
        ("es", "ELAC: el Comité Asesor de Estudiantes de Inglés", "Cada escuela con 21 o más estudiantes de inglés tiene un ELAC de padres que aconseja al director. Conozca qué hace y cómo participar o votar en su elección."),
        ("vi", "ELAC: Ủy ban Cố vấn về Học sinh học tiếng Anh", "Mỗi trường có từ 21 học sinh học tiếng Anh trở lên đều có một ELAC gồm các phụ huynh tư vấn cho hiệu trưởng. Tìm hiểu ủy ban làm gì, và cách tham gia hoặc bỏ phiếu trong cuộc bầu cử."),
        ("zh-Hans", "ELAC：英语学习者咨询委员会", "每所有21名或以上英语学习者的学校都设有由家长组成的ELAC，为校长提供建议。了解委员会的工作，以及如何加入或在选举中投票。"),
        ("zh-Hant", "ELAC：英語學習者諮詢委員會", "每所有21名或以上英語學習者的學校都設有由家長組成的ELAC，為校長提供建議。了解委員會的工作，以及如何加入或在選舉中投票。"),
        ("yue", "ELAC：英語學習者諮詢委員會", "每間有21個或以上英語學習者嘅學校都有一個由家長組成嘅ELAC，俾意見校長。了解委員會做啲咩，同埋點樣加入或者喺選舉投票。"),
        ("ko", "ELAC: 영어 학습자 자문 위원회", "영어 학습자가 21명 이상인 모든 학교에는 교장에게 조언하는 학부모 ELAC가 있습니다. 위원회가 하는 일과 참여하거나 선거에서 투표하는 방법을 알아보세요."),
        ("ar", "ELAC: اللجنة الاستشارية لمتعلّمي اللغة الإنجليزية", "في كل مدرسة فيها 21 متعلّمًا للغة الإنجليزية أو أكثر لجنة ELAC من أولياء الأمور تقدّم المشورة لمدير المدرسة. تعرّف على عملها وكيف تنضم إليها أو تصوّت في انتخاباتها."),
        ("tl", "ELAC: ang English Learner Advisory Committee", "Bawat paaralang may 21 o higit pang English learner ay may ELAC ng mga magulang na nagpapayo sa punong-guro. Alamin kung ano ang ginagawa nito, at paano sumali o bumoto sa halalan nito."),
        ("ru", "ELAC: консультативный комитет по делам изучающих английский язык", "В каждой школе, где 21 или больше учащихся изучают английский язык, есть ELAC — комитет родителей, который консультирует директора. Узнайте, чем он занимается и как в него вступить или проголосовать на выборах."),
        ("pa", "ELAC: ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲਿਆਂ ਦੀ ਸਲਾਹਕਾਰ ਕਮੇਟੀ", "21 ਜਾਂ ਵੱਧ ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣ ਵਾਲੇ ਵਿਦਿਆਰਥੀਆਂ ਵਾਲੇ ਹਰ ਸਕੂਲ ਵਿੱਚ ਮਾਪਿਆਂ ਦੀ ਇੱਕ ELAC ਹੁੰਦੀ ਹੈ ਜੋ ਪ੍ਰਿੰਸੀਪਲ ਨੂੰ ਸਲਾਹ ਦਿੰਦੀ ਹੈ। ਜਾਣੋ ਇਹ ਕੀ ਕਰਦੀ ਹੈ, ਅਤੇ ਇਸ ਵਿੱਚ ਕਿਵੇਂ ਸ਼ਾਮਲ ਹੋਣਾ ਹੈ ਜਾਂ ਇਸ ਦੀ ਚੋਣ ਵਿੱਚ ਵੋਟ ਕਿਵੇਂ ਪਾਉਣੀ ਹੈ।"),
        ("hmn", "ELAC: Pawg Neeg Pab Tswv Yim Txog Cov Tub Ntxhais Kawm Lus Askiv", "Txhua lub tsev kawm ntawv uas muaj 21 tus tub ntxhais kawm lus Askiv los yog ntau dua muaj ib pawg ELAC uas yog niam txiv pab tswv yim rau tus thawj xib fwb. Kawm seb pawg no ua dab tsi, thiab koj yuav koom lossis pov npav xaiv tsa li cas."),
    ])
}
