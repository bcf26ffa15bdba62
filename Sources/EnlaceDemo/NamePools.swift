import EnlaceCore
/// A piece of a name as a family writes it on a school form, with the ASCII form used to make a
/// plausible email address.
struct NamePart: Sendable {
    let text: String
    let ascii: String
}

/// The name pools of the sample district's home languages.
///
/// Names are written the way families write them on school forms: Spanish with or without
/// accents, Vietnamese with its diacritics or romanised, Chinese, Korean, Arabic, Punjabi and
/// Russian names in their own scripts or romanised. Every name is common in its language; no
/// combination refers to a real person.
enum NamePools {
    /// Reads a pool written as `Text=ascii` entries separated by spaces; `_` stands for a space
    /// inside an entry and a missing `=ascii` means "fold the Spanish accents".
    static func parts(_ list: String) -> [NamePart] {
        list.split(separator: " ").map { entry in
            let halves = entry.split(separator: "=", maxSplits: 1)
            let text = halves[0].replacingUnderscores()
            let ascii = halves.count > 1 ? halves[1].replacingUnderscores() : foldAccents(text)
            return NamePart(text: text, ascii: ascii)
        }
    }

    /// The text with Spanish accents removed (`Hernández` → `Hernandez`), as many forms write it.
    static func foldAccents(_ text: String) -> String {
        String(text.map { accentFolds[$0] ?? $0 })
    }

    private static let accentFolds: [Character: Character] = [
        "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n",
        "Á": "A", "É": "E", "Í": "I", "Ó": "O", "Ú": "U", "Ñ": "N",
    ]

    static let spanishWomen = parts("""
        María Guadalupe Rosa Ana Verónica Yesenia Maribel Claudia Leticia Araceli Gabriela \
        Patricia Elena Lucía Silvia Norma Juana Alejandra Brenda Karina Marisol Adriana Socorro \
        Griselda Esperanza Dolores Carmen Beatriz Mónica Reyna
        """)
    static let spanishMen = parts("""
        José Juan Luis Jesús Miguel Francisco Carlos Jorge Antonio Alejandro Ricardo Javier \
        Manuel Rafael Óscar Víctor Arturo Fernando Sergio Eduardo Raúl Ramón Armando Efraín
        """)
    static let spanishSurnames = parts("""
        Hernández García Martínez López González Rodríguez Pérez Sánchez Ramírez Flores Gómez \
        Díaz Reyes Cruz Morales Ortiz Gutiérrez Chávez Ramos Ruiz Mendoza Vázquez Castillo \
        Jiménez Moreno Romero Herrera Medina Aguilar Vargas Delgado Ibarra Salazar Cervantes \
        Zavala Núñez Ochoa Ávila Contreras Guerrero Estrada Sandoval Rosales Valenzuela De_la_Torre
        """)
    static let spanishNicknames = ["Lupe", "Chuy", "Paco", "Lety", "Nena", "Memo", "Toño", "Chela"]

    static let vietnameseFamilies = parts("""
        Nguyễn=Nguyen Trần=Tran Lê=Le Phạm=Pham Hoàng=Hoang Huỳnh=Huynh Phan Vũ=Vu Võ=Vo \
        Đặng=Dang Bùi=Bui Đỗ=Do Hồ=Ho Ngô=Ngo Dương=Duong Lý=Ly
        """)
    static let vietnameseWomen = parts("""
        Lan Hương=Huong Mai Linh Hạnh=Hanh Thảo=Thao Trang Ngân=Ngan Phương=Phuong Hoa Tuyết=Tuyet Hằng=Hang
        """)
    static let vietnameseMen = parts("""
        Minh Tuấn=Tuan Hùng=Hung Dũng=Dung Long Nam Khoa Phúc=Phuc Thành=Thanh Bảo=Bao Quang Trí=Tri
        """)
    static let vietnameseMiddleWomen = parts("Thị=Thi Thị=Thi Ngọc=Ngoc Thu Kim Bích=Bich")
    static let vietnameseMiddleMen = parts("Văn=Van Văn=Van Minh Đức=Duc Quốc=Quoc Hữu=Huu")

    static let mandarinFamilies = parts("王=Wang 李=Li 张=Zhang 刘=Liu 陈=Chen 杨=Yang 黄=Huang 赵=Zhao 吴=Wu 周=Zhou 徐=Xu 孙=Sun")
    static let mandarinGiven = parts("""
        丽=Li 伟=Wei 芳=Fang 娜=Na 敏=Min 静=Jing 强=Qiang 磊=Lei 秀英=Xiuying 建华=Jianhua \
        晓明=Xiaoming 婷婷=Tingting 海燕=Haiyan 志强=Zhiqiang
        """)

    static let cantoneseFamilies = parts("陳=Chan 黃=Wong 李=Lee 張=Cheung 梁=Leung 林=Lam 劉=Lau 吳=Ng 何=Ho 鄭=Cheng")
    static let cantoneseGiven = parts("""
        美玲=Mei_Ling 嘉欣=Ka_Yan 志明=Chi_Ming 偉強=Wai_Keung 淑儀=Suk_Yee 家豪=Ka_Ho \
        詠詩=Wing_Sze 國華=Kwok_Wah 慧敏=Wai_Man 寶珠=Po_Chu
        """)

    static let koreanFamilies = parts("김=Kim 이=Lee 박=Park 최=Choi 정=Jung 강=Kang 조=Cho 윤=Yoon 장=Jang 임=Lim")
    static let koreanGiven = parts("""
        민지=Min-ji 서연=Seo-yeon 지훈=Ji-hoon 현우=Hyun-woo 수진=Su-jin 영희=Young-hee \
        성민=Sung-min 은정=Eun-jung 미경=Mi-kyung 정호=Jung-ho
        """)

    static let arabicGiven = parts("""
        Fatima Ahmed Mohammed Aisha Omar Layla Yousef Mariam Khaled Noor Hassan Rania Samira Tariq
        """)
    static let arabicFamilies = parts("""
        Al-Sayed Hassan Haddad Khalil Mansour Nasser Saleh Al-Amin Abdullah Ibrahim Darwish El-Masri
        """)
    /// Whole names in Arabic script, for the families who write them so.
    static let arabicScript = parts("""
        فاطمة_السيد=Fatima_Al-Sayed أحمد_حداد=Ahmed_Haddad مريم_خليل=Mariam_Khalil \
        عمر_منصور=Omar_Mansour ليلى_ناصر=Layla_Nasser يوسف_صالح=Yousef_Saleh
        """)

    static let filipinoGiven = parts("""
        Maria Jose Ma._Theresa Rowena Marites Jonathan Mark_Anthony Cristina Ramon Lourdes \
        Rodel Jocelyn Marilou Rey
        """)
    static let filipinoFamilies = parts("""
        Santos Reyes dela_Cruz Bautista Garcia Mendoza Villanueva Ramos Aquino Castillo \
        Fernandez Soriano Manalo Pascual
        """)

    static let hmongGiven = parts("Yer Pa_Houa Mai Tou Chue Nou Pao Kou Xee Blia Fue Shoua Ka Zoua")
    static let hmongFamilies = parts("Vang Xiong Yang Lee Her Thao Moua Lor Vue Chang Hang Khang")

    static let punjabiGiven = parts("Gurpreet Harjit Manpreet Jaspreet Amandeep Harpreet Rajinder Baljit Simran Navdeep Kuldeep")
    static let punjabiFamilies = parts("Sandhu Gill Dhillon Sidhu Brar Grewal Bains Johal")
    static let punjabiScript = parts("""
        ਗੁਰਪ੍ਰੀਤ_ਕੌਰ=Gurpreet_Kaur ਹਰਜੀਤ_ਸਿੰਘ=Harjit_Singh ਮਨਪ੍ਰੀਤ_ਕੌਰ_ਸੰਧੂ=Manpreet_Sandhu \
        ਜਸਪ੍ਰੀਤ_ਕੌਰ=Jaspreet_Kaur
        """)

    /// Russian first names, Cyrillic with their romanisation.
    static let russianWomen = parts("Ольга=Olga Наталья=Natalia Елена=Elena Ирина=Irina Светлана=Svetlana Татьяна=Tatiana Анна=Anna")
    static let russianMen = parts("Сергей=Sergei Дмитрий=Dmitri Алексей=Alexei Андрей=Andrei Михаил=Mikhail")
    /// Masculine surnames; the feminine form adds `а` / `a`.
    static let russianFamilies = parts("Иванов=Ivanov Петров=Petrov Смирнов=Smirnov Кузнецов=Kuznetsov Попов=Popov Волков=Volkov Морозов=Morozov")
}

extension Substring {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
