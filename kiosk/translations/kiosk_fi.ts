<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi" sourcelanguage="en">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>Tämä palvelu ei juuri nyt voi ottaa sinua vastaan. Valitse uudelleen.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Palveluun ei juuri nyt saada yhteyttä. Yritä uudelleen.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>Tällä koodilla ei ole aikaa nyt. Tarkista koodi. Voit myös valita viraston.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>Liian monta väärää koodia. Odota hetki ja yritä uudelleen. Voit myös valita viraston.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Kirjoita ajanvarauksesi koodi</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Minkä viraston palvelua tarvitset?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Takaisin</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>Minulla on ajanvaraus</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Tarvitsen viittomakielen tulkin</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Yhteys on katkennut. Puhelu jatkuu heti, kun yhteys palaa.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Virkailijan yhteys katkesi. Odota hetki…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>Yhdistetään virkailijaan…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Kameraa ei löytynyt: virkailija näkee testikuvan.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Mikrofonia ei löytynyt: virkailija kuulee testiäänen.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Kaiutin ei toimi: virkailija voi kirjoittaa sinulle.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Heikko yhteys: tulkin kuva pidetään sujuvana, virkailijan kuva on tauolla.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Heikko yhteys: pienempi kuva pitää puhelun sujuvana.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Heikko yhteys: kuva vaihtuu muutaman sekunnin välein.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Heikko yhteys: vain ääni. Kuva palaa myöhemmin.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Erittäin heikko yhteys: käytä chattia.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Mikrofoni pois</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mykistä</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Lopeta puhelu</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Äänenvoimakkuus %1, suurin on %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Hiljemmalle</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Kovemmalle</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Jätä asiakirja</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Piilota viestit</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Kirjoita</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Virkailija</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tulkki</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>Tulkkia kutsutaan. Odota hetki.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Tulkki on paikalla.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Tulkki poistui puhelusta.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Tulkkia ei saatu nyt. Virkailija kertoo, miten jatketaan.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Sinä</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Virkailija</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 kirjoittaa:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tulkki</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1 kirjoitti viestin. Se on näytöllä.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Kirjoita tähän; kaikki puhelussa näkevät viestin</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Lähetä</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Aseta paperi asiakirjakameran alle teksti ylöspäin.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Ota kuva</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Lisää sivu</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Ota uudelleen</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>Lähetä virkailijalle</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Takaisin puheluun</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Onko sivu tarkka ja kokonainen? Kuvattuja sivuja: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Lähetetään…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>%1 sai asiakirjan klo %2. Sivuja %3. Kuittaus %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>%1 sai asiakirjan klo %2. Sivuja %3. Kuittaus näkyy näytöllä.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Asiakirja ei mennyt perille. Lähetä se uudelleen.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Asiakirjakamera ei toimi. Kerro siitä virkailijalle. Hän neuvoo, miten voit antaa paperit.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Mikä meni pieleen?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Miten asiointi sujui?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Valitse yksi. Vastauksesi on nimetön.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Kosketa kasvoja. Vastauksesi auttaa meitä parantamaan palvelua.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Erittäin huono</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Huono</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Kohtalainen</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Hyvä</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Erittäin hyvä</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Odotin liian kauan</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Ääni tai kuva oli huono</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Laitetta oli vaikea käyttää</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Asiani ei ratkennut</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Jokin muu</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ohita</translation>
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
        <translation>Odotusaika ei ole tiedossa</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Vuorosi on aivan pian</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Odotusaika noin %1 min</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Odotusaika noin %1–%2 min</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Suljettu</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Suljettu · avautuu klo %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Suljettu · avautuu %1 klo %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Oletko vielä siellä?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Näyttö tyhjennetään %1 sekunnin kuluttua.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Olen vielä täällä</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Etäpalvelu</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Lue ääneen</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Suurempi teksti</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Suuri kontrasti</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Palvelupiste %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Yhdistetään palveluun…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Palveluun ei juuri nyt saada yhteyttä. Yritetään uudelleen…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Virkailija näyttää sinulle: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Tulosta</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Takaisin puheluun</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Tulostetaan. Ota paperi tulostimesta.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Tulostin ei toiminut. Pyydä virkailijaa lähettämään asiakirja sinulle muulla tavalla.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Kamera ei toimi: virkailija ei näe sinua, mutta voit puhua hänen kanssaan.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Asiakirjakamera ei toimi: kysy virkailijalta, miten voit lähettää paperit.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Mikrofoni ei toimi: kirjoita virkailijalle.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Kaiutin ei toimi: pyydä virkailijaa kirjoittamaan sinulle.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Tervetuloa etäpalveluun</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Asioi videoyhteydellä Kelan, Verohallinnon, poliisin ja muiden virastojen virkailijan kanssa.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Kiitos. Puhelu on päättynyt.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Tämän viraston virkailijat eivät ole enää tänään paikalla. Tule uudelleen, kun virasto on auki.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Et ole enää jonossa. Aloita alusta.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Puhelu katkesi, koska yhteys katosi. Voit soittaa uudelleen: olet jonossa ensimmäisenä.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Soita uudelleen: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Aloita</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Puheluita ei tallenneta.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Puheopastus on pois päältä.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Puheopastus on päällä. Kosketa näyttöä, niin kuulet, mitä siinä on. Kosketa samaa kohtaa uudelleen, niin valitset sen. Pidä sormea näytöllä kolme sekuntia, niin puhe loppuu.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>Ei puhetta kielellä %1.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Ei käytettävissä nyt.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Sinut siirretään palveluun %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Odota hetki, virkailija vastaa pian</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Olet seuraavana vuorossa</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Paikkasi jonossa: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Pysy näytön edessä. Puhelu avautuu itsestään.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Odottaessasi ota esille:
• henkilökortti, passi tai oleskelulupa
• asiaasi liittyvät paperit. Asiakirjakamera kuvaa ne.</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Puhelua ei tallenneta. Vain virkailija ja mahdollinen tulkki näkevät ja kuulevat sinut. Asiakirjasi menevät vain virkailijalle.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Näin virkailija näkee sinut</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
</context>
</TS>
