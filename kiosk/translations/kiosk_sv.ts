<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>Den här tjänsten kan inte ta emot dig just nu. Välj igen.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Tjänsten kan inte nås just nu. Försök igen.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>Det finns ingen tidsbokning med den här koden just nu. Kontrollera koden eller välj myndighet.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>För många felaktiga koder har skrivits här. Vänta en minut och försök igen, eller välj myndighet.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Skriv koden för din tidsbokning</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Vilken myndighet behöver du?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>Jag har en bokad tid</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Jag behöver en teckenspråkstolk</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Förbindelsen är avbruten. Samtalet fortsätter så snart den är tillbaka.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Tjänstemannens förbindelse bröts. Vänta en stund…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>Ansluter till tjänstemannen…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Ingen kamera hittades: tjänstemannen ser en testbild.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Ingen mikrofon hittades: tjänstemannen hör en testton.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Högtalaren fungerar inte: tjänstemannen kan skriva till dig.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Svag förbindelse: tolkens bild hålls jämn, tjänstemannens bild är pausad.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Svag förbindelse: en mindre bild håller samtalet smidigt.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Svag förbindelse: bilden byts med några sekunders mellanrum.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Svag förbindelse: bara ljud. Bilden kommer tillbaka senare.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Mycket svag förbindelse: använd chatten.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Mikrofonen av</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stäng av ljudet</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Avsluta samtalet</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Volym %1 av %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Tystare</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Högre</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Lämna in ett dokument</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Dölj chatten</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Skriv</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Tjänsteman</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tolk</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>En tolk kallas in. Vänta en stund.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Tolken är här.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Tolken lämnade samtalet.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Ingen tolk kunde komma nu. Tjänstemannen berättar hur ni går vidare.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Tjänsteman</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 skriver:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tolk</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1 skrev ett meddelande. Det står på skärmen.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Skriv här; alla i samtalet ser det</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Skicka</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Lägg papperet under dokumentkameran med texten uppåt.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Ta en bild</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Lägg till en sida</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Ta om</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>Skicka till tjänstemannen</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Tillbaka till samtalet</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Är sidan skarp och hel? Tagna sidor: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Skickar…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>Mottaget av %1 kl. %2: %3 sida/sidor. Kvitto %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>Mottaget av %1 kl. %2: %3 sida/sidor. Kvittot visas på skärmen.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Dokumentet kom inte fram. Skicka det igen.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Dokumentkameran fungerar inte. Säg det till tjänstemannen: hen berättar hur du kan lämna in dina papper på annat sätt.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Vad gick fel?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Hur gick det?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Välj ett alternativ. Ditt svar är anonymt.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Tryck på ett ansikte. Ditt svar hjälper oss att förbättra tjänsten.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Mycket dåligt</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Dåligt</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Okej</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bra</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Mycket bra</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Jag väntade för länge</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Ljudet eller bilden var dålig</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Terminalen var svår att använda</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Mitt ärende löstes inte</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Något annat</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Hoppa över</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klar</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Waiting time not known</source>
        <translation>Väntetiden är inte känd</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Det är snart din tur</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Väntetid cirka %1 min</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Väntetid cirka %1–%2 min</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Stängt</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Stängt · öppnar kl. %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Stängt · öppnar %1 kl. %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Är du kvar?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Skärmen töms om %1 sekunder.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Jag är kvar</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Distansservice</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Läs upp</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Större text</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Hög kontrast</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Servicepunkt %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Ansluter till tjänsten…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Tjänsten kan inte nås just nu. Försöker igen…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Tjänstemannen visar dig: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Tillbaka till samtalet</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Skriver ut. Ta papperet från skrivaren.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Skrivaren fungerade inte. Be tjänstemannen skicka dokumentet till dig på annat sätt.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Kameran fungerar inte: handläggaren kan inte se dig, men du kan prata med hen.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Dokumentkameran fungerar inte: fråga handläggaren hur du kan skicka papper.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Mikrofonen fungerar inte: skriv till handläggaren i stället.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Högtalaren fungerar inte: be handläggaren skriva till dig.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Välkommen till distansservice</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Tala via video med en tjänsteman vid FPA, Skatteförvaltningen, polisen och andra myndigheter.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Tack. Samtalet har avslutats.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Ingen tjänsteman vid den här myndigheten är tillgänglig längre i dag. Kom tillbaka under öppettiderna.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Din plats i kön har gått ut. Börja om.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Samtalet bröts eftersom förbindelsen försvann. Du kan ringa igen: du kommer först i kön.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Ring %1 igen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Börja</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Samtalen spelas inte in.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Talguidningen är av.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Talguidningen är på. Rör vid skärmen för att höra vad som finns där. Rör vid samma ställe igen för att välja det. Håll ett finger på skärmen i tre sekunder för att stänga av talet.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>Inget tal på %1.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Inte tillgänglig nu.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Du kopplas vidare till %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Vänta en stund, en tjänsteman svarar snart</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Du står näst i tur</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Din plats i kön: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Stanna framför skärmen. Samtalet öppnas av sig självt.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Medan du väntar, ta fram:
• ditt identitetskort, pass eller uppehållstillstånd
• papperen för ditt ärende (dokumentkameran fotograferar dem)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Samtalet spelas inte in. Bara tjänstemannen (och en tolk, om en ansluter) ser och hör dig. De dokument du lämnar in går bara till tjänstemannen.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Så här ser tjänstemannen dig</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
</TS>
