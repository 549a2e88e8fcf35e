<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="so">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>Adeegani hadda kuma qaabili karo. Fadlan mar kale dooro.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Adeegga hadda lama heli karo. Fadlan isku day mar kale.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>Ballan koodkan leh hadda ma jiro. Hubi koodka, ama dooro hay&apos;adda.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>Halkan waxaa lagu qoray koodh khaldan oo aad u badan. Sug daqiiqad oo mar kale isku day, ama dooro hay&apos;adda.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Qor koodka ballantaada</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Hay&apos;addee baad u baahan tahay?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Dib u noqo</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>Ballan baan haystaa</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Turjumaan luqadda dhagoolayaasha</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Xiriirku wuu go&apos;ay. Wicitaanku wuu sii socon doonaa marka uu soo laabto.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Xiriirka sarkaalka wuu go&apos;ay. Fadlan sug…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>Waxaa lagu xirayaa sarkaalka…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Kamarad lama helin: sarkaalku wuxuu arkaa sawir tijaabo ah.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Makarafoon lama helin: sarkaalku wuxuu maqlaa cod tijaabo ah.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Codbaahiyuhu ma shaqeynayo: sarkaalku wuu kuu qori karaa.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Xiriir daciif ah: sawirka turjubaanka wuu socdaa, sawirka sarkaalka waa la hakiyay.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Xiriir daciif ah: sawir yar ayaa wicitaanka ka dhigaya mid habsami u socda.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Xiriir daciif ah: sawirku wuxuu isbeddelaa dhowr ilbiriqsi kasta.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Xiriir daciif ah: cod kaliya. Sawirku hadhow ayuu soo laabanayaa.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Xiriir aad u daciif ah: fadlan isticmaal qoraalka (chat).</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Makarafoonka waa dansan yahay</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Aamusi</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Jooji wicitaanka</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Codka %1 ee %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Hoos u dhig</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Kor u qaad</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Dhiib dukumenti</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Qari qoraalka</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Qor</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Sarkaal</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Turjumaan</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>Turjumaan ayaa loo yeerayaa. Fadlan wax yar sug.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Turjumaanku waa joogaa.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Turjumaankii wuu ka baxay wicitaanka.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Turjumaan hadda ma iman karo. Sarkaalku wuxuu kuu sheegi doonaa waxa xiga.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Adiga</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Sarkaal</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 ayaa qoraya:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Turjumaan</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1 ayaa qoray fariin. Waxay ku jirtaa shaashadda.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Halkan ku qor; qof kasta oo wicitaanka ku jira ayaa akhrinaya</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Dir</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Warqadda dhig kamaradda dukumentiyada hoosteeda, qoraalku kor ha u jeedo.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Sawir qaad</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Ku dar bog</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Mar kale qaad</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>U dir sarkaalka</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Ku noqo wicitaanka</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Boggu ma cad yahay oo dhammaystiran yahay? Bogagga la qaaday: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Waa la dirayaa…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>%1 ayaa helay saacadda %2: %3 bog. Rasiid %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>%1 ayaa helay saacadda %2: %3 bog. Rasiidku wuxuu ku yaal shaashadda.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Dukumentigu ma gaarin. Fadlan mar kale dir.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Kamarada dukumentiyada ma shaqeynayso. U sheeg sarkaalka: wuxuu kuu sheegi doonaa hab kale oo aad waraaqahaaga ku gudbin karto.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Maxaa khaldamay?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Sidee ayay u dhacday?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Dooro mid. Jawaabtaadu waa qarsoodi.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Taabo weji. Jawaabtaadu waxay naga caawinaysaa inaan adeegga hagaajino.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Aad u xun</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Xun</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Caadi</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Fiican</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Aad u fiican</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Waxaan sugay waqti aad u dheer</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Codka ama sawirku wuu liitay</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Qalabka way adkayd in la isticmaalo</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Arrinkaygii lama xallin</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Wax kale</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ka gudub</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Waa dhammaatay</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Waiting time not known</source>
        <translation>Waqtiga sugitaanka lama yaqaan</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Kaalintaadu aad bay u dhow dahay</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Sug qiyaastii %1 daqiiqo</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Sug qiyaastii %1–%2 daqiiqo</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Xiran</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Xiran · wuxuu furmayaa saacadda %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Xiran · wuxuu furmayaa %1 saacadda %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Weli ma joogtaa?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Shaashadda waa la nadiifin doonaa %1 ilbiriqsi kadib.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Weli waan joogaa</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Adeeg fog</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Kor u akhri</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Qoraal weyn</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Kala duwanaansho sare</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Xarunta adeegga %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Waxaa lagu xirayaa adeegga…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Adeegga hadda lama heli karo. Mar kale ayaa la isku dayayaa…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Sarkaalku wuxuu ku tusayaa: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Daabac</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Ku noqo wicitaanka</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Waa la daabacayaa. Warqadda ka qaado daabacaha.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Daabacuhu ma shaqayn. Ka codso sarkaalka inuu si kale kuugu soo diro.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Kamaradu ma shaqaynayso: shaqaaluhu kuma arki karo, laakiin waad hadli kartaan.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Kamarada dukumentiyada ma shaqaynayso: weydii shaqaalaha sida loo diro waraaqaha.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Makarafoonku ma shaqaynayso: u qor shaqaalaha bedelkeeda.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Sameecadu ma shaqaynayso: ka codso shaqaalaha inuu kuu qoro.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Ku soo dhawoow adeegga fog</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Kala hadal muuqaal sarkaal ka tirsan Kela, Maamulka Canshuuraha, booliska iyo hay&apos;adaha kale.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Mahadsanid. Wicitaankii wuu dhammaaday.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Maanta sarkaal hay&apos;addan ka tirsan lama heli karo. Fadlan soo noqo saacadaha shaqada.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Kaalintaadii safka way dhacday. Fadlan dib u bilow.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Wicitaanka waa la jaray sababtoo ah xiriirku wuu lumay. Mar kale ayaad wici kartaa: adiga ayaa ugu horreyn doona safka.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Mar kale wac: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Bilow</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Wicitaannada lama duubo.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Hagidda codka waa dansan tahay.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Hagidda codka waa shidan tahay. Taabo shaashadda si aad u maqasho waxa ku yaal. Mar kale taabo isla meeshaas si aad u doorato. Farta ku hay shaashadda saddex ilbiriqsi si aad u joojiso hadalka.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>Hadal kuma jiro %1.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Hadda lama heli karo.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Waxaa laguu wareejinayaa %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Fadlan sug, sarkaal ayaa dhowaan ku jawaabi doona</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Adiga ayaa xiga</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Kaalintaada safka: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Fadlan shaashadda hortaada joog. Wicitaanku si toos ah ayuu u furmayaa.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Inta aad sugayso, diyaari:
• kaarka aqoonsiga, baasaboorka ama sharciga deganaanshaha
• waraaqaha arrinkaaga (kamaradda dukumentiyada ayaa sawirta)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Wicitaanka lama duubo. Sarkaalka oo keliya (iyo turjumaan, haddii uu ku biiro) ayaa ku arka oo ku maqla. Dukumentiyada aad dhiibto waxay gaaraan sarkaalka oo keliya.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Sidan ayuu sarkaalku kuu arki doonaa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Jooji</translation>
    </message>
</context>
</TS>
