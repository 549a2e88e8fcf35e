<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>لا يمكن لهذه الخدمة استقبالك الآن. يرجى الاختيار مرة أخرى.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>لا يمكن الوصول إلى الخدمة الآن. يرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>لا يوجد موعد بهذا الرمز الآن. تحقق من الرمز أو اختر الجهة.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>تم إدخال عدد كبير جدًا من الرموز الخاطئة هنا. انتظر دقيقة وحاول مرة أخرى، أو اختر الجهة.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>اكتب رمز موعدك</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>ما الجهة التي تحتاجها؟</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>لدي موعد</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>أحتاج إلى مترجم لغة إشارة</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>انقطع الاتصال. ستستمر المكالمة فور عودته.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>انقطع اتصال الموظف. يرجى الانتظار…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>جارٍ الاتصال بالموظف…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>لم يتم العثور على كاميرا: يرى الموظف صورة اختبار.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>لم يتم العثور على ميكروفون: يسمع الموظف نغمة اختبار.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>مكبر الصوت لا يعمل: يمكن للموظف أن يكتب لك.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>الاتصال ضعيف: تبقى صورة المترجم سلسة، وصورة الموظف متوقفة مؤقتًا.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>اتصال ضعيف: صورة أصغر تُبقي المكالمة سلسة.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>اتصال ضعيف: تتغير الصورة كل بضع ثوانٍ.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>اتصال ضعيف: الصوت فقط. ستعود الصورة لاحقًا.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>اتصال ضعيف جدًا: يرجى استخدام الدردشة.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>الميكروفون مغلق</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>كتم الصوت</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>إنهاء المكالمة</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>مستوى الصوت %1 من %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>أخفض</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>أعلى</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>تسليم مستند</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>إخفاء المحادثة</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>اكتب</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>المترجم</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>يتم استدعاء مترجم. يرجى الانتظار قليلاً.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>المترجم هنا.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>غادر المترجم المكالمة.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>لم يتمكن أي مترجم من الحضور الآن. سيخبرك الموظف بما سيحدث بعد ذلك.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 يكتب:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>المترجم</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>كتب %1 رسالة. إنها على الشاشة.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>اكتب هنا؛ سيقرأه كل من في المكالمة</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>إرسال</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>ضع الورقة تحت كاميرا المستندات والنص إلى الأعلى.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>التقاط صورة</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>إضافة صفحة</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>إعادة التصوير</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>إرسال إلى الموظف</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>العودة إلى المكالمة</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>هل الصفحة واضحة وكاملة؟ الصفحات الملتقطة: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>جارٍ الإرسال…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>استلمتها %1 الساعة %2: %3 صفحة. الإيصال %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>استلمتها %1 الساعة %2: %3 صفحة. الإيصال على الشاشة.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>لم يصل المستند. يرجى إرساله مرة أخرى.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>كاميرا المستندات لا تعمل. أخبر الموظف بذلك: سيخبرك بطريقة أخرى لتسليم أوراقك.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>ما الذي لم يسر على ما يرام؟</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>كيف كانت الخدمة؟</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>اختر واحدًا. إجابتك مجهولة الهوية.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>المس أحد الوجوه. إجابتك تساعدنا على تحسين الخدمة.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>سيئ جدًا</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>سيئ</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>جيد</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>جيد جدًا</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>انتظرت وقتًا طويلاً</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>كان الصوت أو الصورة سيئًا</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>كان استخدام الجهاز صعبًا</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>لم تُحل مسألتي</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>شيء آخر</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>تخطي</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Waiting time not known</source>
        <translation>وقت الانتظار غير معروف</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>دورك قريب جدًا</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>الانتظار حوالي %1 دقيقة</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>الانتظار حوالي %1–%2 دقيقة</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>مغلق</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>مغلق · يفتح الساعة %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>مغلق · يفتح %1 الساعة %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>هل ما زلت هنا؟</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>سيتم مسح الشاشة خلال %1 ثانية.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>ما زلت هنا</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>الخدمة عن بُعد</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>اقرأ بصوت عالٍ</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>نص أكبر</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>تباين عالٍ</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>نقطة الخدمة %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>جارٍ الاتصال بالخدمة…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>لا يمكن الوصول إلى الخدمة الآن. جارٍ المحاولة مرة أخرى…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>يعرض عليك الموظف: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>طباعة</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>العودة إلى المكالمة</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>جارٍ الطباعة. خذ الورقة من الطابعة.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>لم تعمل الطابعة. اطلب من الموظف إرساله إليك بطريقة أخرى.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>الكاميرا لا تعمل: لا يستطيع الموظف رؤيتك، لكن يمكنكما التحدث.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>كاميرا المستندات لا تعمل: اسأل الموظف كيف ترسل الأوراق.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>الميكروفون لا يعمل: اكتب إلى الموظف بدلاً من ذلك.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>مكبر الصوت لا يعمل: اطلب من الموظف أن يكتب لك.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>مرحبًا بك في الخدمة عن بُعد</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>تحدث عبر الفيديو مع موظف من Kela أو مصلحة الضرائب أو الشرطة أو جهات أخرى.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>شكرًا لك. انتهت المكالمة.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>لا يوجد موظف متاح من هذه الجهة بقية اليوم. يرجى العودة خلال ساعات العمل.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>انتهت صلاحية مكانك في الطابور. يرجى البدء من جديد.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>انقطعت المكالمة بسبب فقدان الاتصال. يمكنك الاتصال مرة أخرى: ستكون الأول في الدور.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>اتصل مرة أخرى: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>ابدأ</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>لا يتم تسجيل المكالمات.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>الإرشاد الصوتي متوقف.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>الإرشاد الصوتي يعمل. المس الشاشة لتسمع ما عليها. المس المكان نفسه مرة أخرى لتختاره. أبقِ إصبعك على الشاشة ثلاث ثوانٍ لإيقاف الكلام.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>لا يوجد كلام باللغة %1.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>غير متاح الآن.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>يتم تحويلك إلى %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>يرجى الانتظار، سيجيب موظف قريبًا</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>أنت التالي</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>مكانك في الطابور: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>يرجى البقاء أمام الشاشة. ستبدأ المكالمة تلقائيًا.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>أثناء الانتظار، جهّز:
• بطاقة الهوية أو جواز السفر أو تصريح الإقامة
• أوراق معاملتك (تلتقطها كاميرا المستندات)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>لا يتم تسجيل المكالمة. لا يراك ويسمعك إلا الموظف (والمترجم إن انضم). تذهب المستندات التي تسلمها إلى الموظف فقط.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>هكذا سيراك الموظف</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
</TS>
