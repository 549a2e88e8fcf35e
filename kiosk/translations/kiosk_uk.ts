<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>Ця служба зараз не може вас прийняти. Виберіть ще раз.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Служба зараз недоступна. Спробуйте ще раз.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>З цим кодом зараз немає запису на прийом. Перевірте код або виберіть установу.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>Тут введено забагато неправильних кодів. Зачекайте хвилину й спробуйте знову або виберіть установу.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Введіть код вашого запису</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Яка установа вам потрібна?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>У мене є запис</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Мені потрібен перекладач жестової мови</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Зв’язок перервався. Розмова продовжиться, щойно зв’язок відновиться.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Зв’язок із працівником перервався. Зачекайте…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>З’єднання з працівником…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Камеру не знайдено: працівник бачить тестове зображення.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Мікрофон не знайдено: працівник чує тестовий сигнал.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Гучномовець не працює: працівник може написати вам.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Слабке з&apos;єднання: зображення перекладача залишається плавним, зображення працівника призупинено.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Слабкий зв’язок: менше зображення, щоб розмова йшла без перебоїв.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Слабкий зв’язок: зображення оновлюється раз на кілька секунд.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Слабкий зв’язок: лише звук. Зображення повернеться пізніше.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Дуже слабкий зв’язок: будь ласка, пишіть у чат.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Мікрофон вимкнено</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Вимкнути мікрофон</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Завершити дзвінок</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Гучність %1 з %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Тихіше</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Гучніше</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Передати документ</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Сховати чат</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Написати</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Працівник</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Перекладач</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>Викликаємо перекладача. Зачекайте трохи.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Перекладач приєднався.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Перекладач вийшов із дзвінка.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Зараз перекладача знайти не вдалося. Працівник скаже, що робити далі.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Ви</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Працівник</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 пише:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Перекладач</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1: нове повідомлення. Воно на екрані.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Пишіть тут; це прочитають усі учасники дзвінка</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Надіслати</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Покладіть папір під камеру для документів текстом догори.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Сфотографувати</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Додати сторінку</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Зняти ще раз</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>Надіслати працівнику</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Повернутися до дзвінка</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Сторінка чітка й повна? Знято сторінок: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Надсилання…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>Отримано: %1, о %2, сторінок: %3. Квитанція %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>Отримано: %1, о %2, сторінок: %3. Квитанція на екрані.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Документ не надійшов. Надішліть його ще раз.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Камера для документів не працює. Скажіть про це працівникові: він підкаже, як передати документи іншим способом.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Що пішло не так?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Як усе пройшло?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Виберіть один варіант. Ваша відповідь анонімна.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Торкніться обличчя. Ваша відповідь допоможе нам покращити обслуговування.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Дуже погано</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Погано</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Нормально</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Добре</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Дуже добре</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Я чекав(ла) надто довго</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Поганий звук або зображення</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Кіоском було важко користуватися</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Моє питання не вирішено</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Інше</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Пропустити</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Waiting time not known</source>
        <translation>Час очікування невідомий</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Ваша черга зовсім скоро</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Очікування близько %1 хв</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Очікування близько %1–%2 хв</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Зачинено</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Зачинено · відкриється о %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Зачинено · відкриється %1 о %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Ви ще тут?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Екран буде очищено через %1 с.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Я тут</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Дистанційне обслуговування</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Прочитати вголос</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Більший текст</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Висока контрастність</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Пункт обслуговування %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Підключення до служби…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Служба зараз недоступна. Повторна спроба…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Працівник показує вам: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Друк</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Повернутися до дзвінка</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Друкується. Візьміть папір із принтера.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Принтер не спрацював. Попросіть працівника надіслати документ іншим способом.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Камера не працює: працівник вас не бачить, але ви можете говорити.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Камера для документів не працює: запитайте працівника, як надіслати папери.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Мікрофон не працює: пишіть працівникові.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Гучномовець не працює: попросіть працівника писати вам.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Ласкаво просимо до дистанційного обслуговування</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Спілкуйтеся по відеозв’язку з працівником Kela, Податкової адміністрації, поліції та інших установ.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Дякуємо. Дзвінок завершено.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Сьогодні працівників цієї установи більше немає. Приходьте знову в години роботи.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Ваше місце в черзі втрачено. Почніть спочатку.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Розмова перервалася через втрату зв’язку. Ви можете зателефонувати знову: ви будете першим у черзі.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Зателефонувати знову: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Почати</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Дзвінки не записуються.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Голосові підказки вимкнено.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Голосові підказки увімкнено. Торкніться екрана, щоб почути, що на ньому. Торкніться того самого місця ще раз, щоб вибрати. Утримуйте палець на екрані три секунди, щоб вимкнути мовлення.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>Немає мовлення мовою: %1.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Зараз недоступно.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Вас переводять: %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Зачекайте, працівник скоро відповість</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Ви наступні</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Ваше місце в черзі: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Залишайтеся перед екраном. Дзвінок почнеться сам.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Поки чекаєте, приготуйте:
• посвідчення особи, паспорт або посвідку на проживання
• документи у вашій справі (їх зніме камера для документів)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Дзвінок не записується. Вас бачить і чує лише працівник (і перекладач, якщо він приєднається). Передані документи отримує лише працівник.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Так вас побачить працівник</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
</TS>
