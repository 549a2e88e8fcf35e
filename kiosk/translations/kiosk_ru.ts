<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>Эта служба сейчас не может вас принять. Выберите снова.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Служба сейчас недоступна. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>С этим кодом сейчас нет записи на приём. Проверьте код или выберите ведомство.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>Здесь введено слишком много неверных кодов. Подождите минуту и попробуйте снова или выберите ведомство.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Введите код вашей записи</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Какое ведомство вам нужно?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>У меня есть запись</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Мне нужен переводчик жестового языка</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Связь прервалась. Разговор продолжится, как только связь восстановится.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Связь со специалистом прервалась. Подождите…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>Соединение со специалистом…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Камера не найдена: специалист видит тестовое изображение.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Микрофон не найден: специалист слышит тестовый сигнал.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Громкоговоритель не работает: специалист может написать вам.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Слабое соединение: изображение переводчика остаётся плавным, изображение специалиста приостановлено.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Слабая связь: изображение уменьшено, чтобы разговор шёл без перебоев.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Слабая связь: изображение обновляется раз в несколько секунд.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Слабая связь: только звук. Изображение вернётся позже.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Очень слабая связь: пожалуйста, пишите в чат.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Микрофон выключен</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Выключить микрофон</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Завершить звонок</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Громкость %1 из %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Тише</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Громче</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Передать документ</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Скрыть чат</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Написать</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Переводчик</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>Вызываем переводчика. Подождите немного.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Переводчик подключился.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Переводчик вышел из звонка.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Сейчас переводчика найти не удалось. Специалист скажет, что делать дальше.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Вы</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 пишет:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Переводчик</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1: новое сообщение. Оно на экране.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Пишите здесь; это прочитают все участники звонка</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Положите бумагу под камеру для документов текстом вверх.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Сфотографировать</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Добавить страницу</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Переснять</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>Отправить специалисту</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Вернуться к звонку</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Страница чёткая и целиком? Снято страниц: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>Получено: %1, в %2, страниц: %3. Квитанция %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>Получено: %1, в %2, страниц: %3. Квитанция на экране.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Документ не дошёл. Отправьте его ещё раз.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Камера для документов не работает. Скажите об этом специалисту: он подскажет, как передать документы другим способом.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Что пошло не так?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Как всё прошло?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Выберите один вариант. Ваш ответ анонимен.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Коснитесь лица. Ваш ответ поможет нам улучшить обслуживание.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Очень плохо</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Плохо</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Нормально</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Хорошо</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Очень хорошо</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Я ждал(а) слишком долго</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Плохой звук или изображение</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Киоском было трудно пользоваться</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Мой вопрос не решён</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Пропустить</translation>
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
        <translation>Время ожидания неизвестно</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Ваша очередь совсем скоро</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Ожидание около %1 мин</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Ожидание около %1–%2 мин</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Закрыто · откроется в %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Закрыто · откроется %1 в %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Вы ещё здесь?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Экран будет очищен через %1 с.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Я здесь</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Удалённое обслуживание</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Прочитать вслух</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Крупный текст</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Высокий контраст</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Пункт обслуживания %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Подключение к службе…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Служба сейчас недоступна. Повторная попытка…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Специалист показывает вам: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Вернуться к звонку</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Идёт печать. Возьмите бумагу из принтера.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Принтер не сработал. Попросите специалиста отправить документ другим способом.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Камера не работает: сотрудник вас не видит, но вы можете говорить.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Камера для документов не работает: спросите сотрудника, как отправить бумаги.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Микрофон не работает: пишите сотруднику.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Динамик не работает: попросите сотрудника писать вам.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Добро пожаловать в удалённое обслуживание</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Общайтесь по видеосвязи со специалистом Kela, Налоговой администрации, полиции и других ведомств.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Спасибо. Звонок завершён.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Сегодня специалистов этого ведомства больше нет. Приходите снова в часы работы.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Ваше место в очереди истекло. Начните заново.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Разговор прервался из-за потери связи. Вы можете позвонить снова: вы будете первым в очереди.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Позвонить снова: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начать</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Звонки не записываются.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Голосовые подсказки выключены.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Голосовые подсказки включены. Коснитесь экрана, чтобы услышать, что на нём. Коснитесь того же места ещё раз, чтобы выбрать. Удерживайте палец на экране три секунды, чтобы выключить речь.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>Нет речи на языке: %1.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Сейчас недоступно.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Вас переводят: %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Подождите, специалист скоро ответит</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Вы следующий</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Ваше место в очереди: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Оставайтесь перед экраном. Звонок начнётся сам.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Пока вы ждёте, приготовьте:
• удостоверение личности, паспорт или вид на жительство
• документы по вашему делу (их снимет камера для документов)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Звонок не записывается. Вас видит и слышит только специалист (и переводчик, если он подключится). Переданные документы получает только специалист.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Так вас увидит специалист</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
</TS>
