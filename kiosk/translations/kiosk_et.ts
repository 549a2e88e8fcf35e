<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>See teenus ei saa teid praegu vastu võtta. Valige uuesti.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Teenusega ei saa praegu ühendust. Proovige uuesti.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>Selle koodiga pole praegu broneeritud aega. Kontrollige koodi või valige asutus.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>Siin on sisestatud liiga palju valesid koode. Oodake minut ja proovige uuesti või valige asutus.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Sisestage oma broneeringu kood</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Millist asutust te vajate?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tagasi</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>Mul on broneeritud aeg</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Vajan viipekeele tõlki</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Ühendus on katkenud. Kõne jätkub kohe, kui ühendus taastub.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Ametniku ühendus katkes. Palun oodake…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>Ühendan ametnikuga…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Kaamerat ei leitud: ametnik näeb testpilti.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Mikrofoni ei leitud: ametnik kuuleb testheli.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Kõlar ei tööta: ametnik saab teile kirjutada.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Nõrk ühendus: tõlgi pilt püsib sujuv, ametniku pilt on peatatud.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Nõrk ühendus: väiksem pilt hoiab kõne sujuvana.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Nõrk ühendus: pilt vahetub iga paari sekundi järel.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Nõrk ühendus: ainult heli. Pilt tuleb hiljem tagasi.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Väga nõrk ühendus: palun kasutage vestlust.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Mikrofon on välja lülitatud</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Vaigista</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Lõpeta kõne</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Helitugevus %1, suurim %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Vaiksemaks</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Valjemaks</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Esita dokument</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Peida vestlus</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Kirjuta</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Ametnik</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tõlk</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>Tõlk kutsutakse. Palun oodake hetk.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Tõlk on kohal.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Tõlk lahkus kõnest.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Tõlk ei saanud praegu tulla. Ametnik ütleb, kuidas edasi minna.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Teie</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Ametnik</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 kirjutab:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tõlk</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1 kirjutas sõnumi. See on ekraanil.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Kirjutage siia; kõik kõnes osalejad loevad seda</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Saada</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Asetage paber dokumendikaamera alla, tekst ülespoole.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Pildista</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Lisa lehekülg</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Pildista uuesti</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>Saada ametnikule</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Tagasi kõne juurde</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Kas lehekülg on terav ja terve? Pildistatud lehekülgi: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Saadan…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>%1 võttis vastu kell %2: %3 lk. Kviitung %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>%1 võttis vastu kell %2: %3 lk. Kviitung on ekraanil.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Dokument ei jõudnud kohale. Palun saatke uuesti.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Dokumendikaamera ei tööta. Öelge seda ametnikule: ta ütleb, kuidas saate oma paberid muul viisil esitada.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Mis läks valesti?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Kuidas läks?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Valige üks. Teie vastus on anonüümne.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Puudutage nägu. Teie vastus aitab meil teenust parandada.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Väga halb</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Halb</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Rahuldav</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Hea</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Väga hea</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Ootasin liiga kaua</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Heli või pilt oli halb</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Seadet oli raske kasutada</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Minu asi ei lahenenud</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Midagi muud</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Jäta vahele</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Valmis</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Waiting time not known</source>
        <translation>Ooteaeg pole teada</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Teie kord on väga varsti</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Ootamine umbes %1 min</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Ootamine umbes %1–%2 min</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Suletud</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Suletud · avatakse kell %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Suletud · avatakse %1 kell %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Kas olete veel siin?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Ekraan tühjendatakse %1 sekundi pärast.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Olen siin</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Kaugteenindus</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Loe ette</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Suurem tekst</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Suur kontrastsus</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Teeninduspunkt %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Ühendan teenusega…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Teenusega ei saa praegu ühendust. Proovin uuesti…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Ametnik näitab teile: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Prindi</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Tagasi kõne juurde</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Prinditakse. Võtke paber printerist.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Printer ei töötanud. Paluge ametnikul see teile muul viisil saata.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Kaamera ei tööta: ametnik ei näe sind, kuid sa saad temaga rääkida.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Dokumendikaamera ei tööta: küsi ametnikult, kuidas pabereid saata.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Mikrofon ei tööta: kirjuta selle asemel ametnikule.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Kõlar ei tööta: palu ametnikul sulle kirjutada.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Tere tulemast kaugteenindusse</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Suhelge video kaudu Kela, maksuameti, politsei ja teiste asutuste ametnikuga.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Aitäh. Kõne on lõppenud.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Selle asutuse ametnikke pole täna enam saadaval. Palun tulge uuesti lahtiolekuajal.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Teie koht järjekorras aegus. Palun alustage uuesti.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Kõne katkes, sest ühendus kadus. Võite uuesti helistada: olete järjekorras esimene.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Helista uuesti: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Alusta</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Kõnesid ei salvestata.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Kõnejuhendamine on välja lülitatud.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Kõnejuhendamine on sisse lülitatud. Puuduta ekraani, et kuulda, mis seal on. Puuduta sama kohta uuesti, et see valida. Hoia sõrme kolm sekundit ekraanil, et kõne välja lülitada.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>Keeles %1 kõnet pole.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Praegu pole saadaval.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Teid suunatakse: %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Palun oodake, ametnik vastab peagi</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Teie olete järgmine</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Teie koht järjekorras: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Palun jääge ekraani ette. Kõne avaneb iseenesest.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Ootamise ajal pange valmis:
• isikutunnistus, pass või elamisluba
• teie asjaga seotud paberid (dokumendikaamera pildistab need)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Kõnet ei salvestata. Teid näeb ja kuuleb ainult ametnik (ja tõlk, kui ta liitub). Teie esitatud dokumendid lähevad ainult ametnikule.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Nii näeb teid ametnik</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Tühista</translation>
    </message>
</context>
</TS>
