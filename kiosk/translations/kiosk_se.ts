<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="se">
<context>
    <name>AgencyScreen</name>
    <message>
        <source>This service cannot take you right now. Please choose again.</source>
        <translation>Dát bálvalus ii sáhte dál váldit du vuostái. Vállje ođđasit.</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Please try again.</source>
        <translation>Bálvalussii ii dál olahuvvo. Geahččal ođđasit.</translation>
    </message>
    <message>
        <source>No appointment with this code is due now. Check the code, or choose the agency.</source>
        <translation>Dáinna kodain ii leat dál áigegáhttu. Dárkkis koda dahje vállje virgedoaimmahaga.</translation>
    </message>
    <message>
        <source>Too many wrong codes were typed here. Wait a minute and try again, or choose the agency.</source>
        <translation>Dása leat čállon menddo ollu boasttu kodat. Vuordde minuhta ja geahččal ođđasit, dahje vállje ásahusa.</translation>
    </message>
    <message>
        <source>Type the code of your appointment</source>
        <translation>Čális iežat áigegáhtu koda</translation>
    </message>
    <message>
        <source>Which agency do you need?</source>
        <translation>Makkár virgedoaimmahaga bálvalusa don dárbbašat?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Ruovttoluotta</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>Mus lea áigegáhttu</translation>
    </message>
    <message>
        <source>I need a sign language interpreter</source>
        <translation>Dárbbašan seavagiellatulkka</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>The connection is interrupted. The call will continue as soon as it is back.</source>
        <extracomment>How much the link carries now, in bars and words; hidden while it carries all. A warning banner (the quality banner&apos;s look): no loudspeaker works.</extracomment>
        <translation>Oktavuohta lea botkanan. Ságastallan joatkašuvvá dalán go oktavuohta máhccá.</translation>
    </message>
    <message>
        <source>The official&apos;s connection was interrupted. Please wait…</source>
        <translation>Virgeolbmo oktavuohta botnjii. Vuordde…</translation>
    </message>
    <message>
        <source>Connecting to the official…</source>
        <translation>Čatnamin virgeolbmui…</translation>
    </message>
    <message>
        <source>No camera found: the official sees a test picture.</source>
        <translation>Kámera ii gávdnon: virgeolmmoš oaidná geahččalangova.</translation>
    </message>
    <message>
        <source>No microphone found: the official hears a test tone.</source>
        <translation>Mikrofovdna ii gávdnon: virgeolmmoš gullá geahččalanjiena.</translation>
    </message>
    <message>
        <source>The loudspeaker does not work: the official can write to you.</source>
        <translation>Jietnageažus ii doaimma: virgeolmmoš sáhttá čállit dutnje.</translation>
    </message>
    <message>
        <source>Weak connection: the interpreter&apos;s picture stays smooth; the official&apos;s is paused.</source>
        <translation>Heajos oktavuohta: dulkka govva doalahuvvo njuovžilin, virgeolbmo govva lea bottus.</translation>
    </message>
    <message>
        <source>Weak connection: a smaller picture keeps the call smooth.</source>
        <translation>Heajos oktavuohta: unnit govva doallá ságastallama njuovžilin.</translation>
    </message>
    <message>
        <source>Weak connection: the picture changes every few seconds.</source>
        <translation>Heajos oktavuohta: govva molsašuvvá moatti sekundda gaskkaid.</translation>
    </message>
    <message>
        <source>Weak connection: sound only. The picture returns later.</source>
        <translation>Heajos oktavuohta: dušše jietna. Govva máhccá maŋŋelaš.</translation>
    </message>
    <message>
        <source>Very weak connection: please use the chat.</source>
        <translation>Hui heajos oktavuohta: geavat chatta.</translation>
    </message>
    <message>
        <source>Microphone off</source>
        <translation>Mikrofovdna jaskat</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Jaskkot</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Loahpat ságastallama</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>Jietnadássi %1, eanemus %2</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Jaskadabbot</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Garrasabbot</translation>
    </message>
    <message>
        <source>Hand in a document</source>
        <translation>Addit dokumeantta</translation>
    </message>
    <message>
        <source>Hide the chat</source>
        <translation>Čiega čállosiid</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Čále</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Virgeolmmoš</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tulka</translation>
    </message>
    <message>
        <source>An interpreter is being called. Please wait a moment.</source>
        <translation>Tulka gohččojuvvo. Vuordde veaháš.</translation>
    </message>
    <message>
        <source>The interpreter is here.</source>
        <translation>Tulka lea dás.</translation>
    </message>
    <message>
        <source>The interpreter left the call.</source>
        <translation>Tulka vulggii ságastallamis.</translation>
    </message>
    <message>
        <source>No interpreter could come now. The official will tell you what happens next.</source>
        <translation>Tulka ii beassan dál boahtit. Virgeolmmoš muitala mo joatkit.</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>You</source>
        <translation>Don</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Virgeolmmoš</translation>
    </message>
    <message>
        <source>%1 is writing:</source>
        <extracomment>Letter rows per language (the digits row, &quot;-&quot;, Shift and the space bar are shared). Layouts follow each language&apos;s usual keyboard, with what a message and a personal identity code need (131052-308T: digits, &quot;-&quot; or &quot;+&quot; and a capital; Shift gives both). How long a change to the line waits before it goes to the others, at most: each character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages a second. What Shift makes of a key that has no capital. Capitals (and &quot;+&quot;) while it is down; it stays down until pressed again, and the keys show what they type. What each other member is writing now, under the lines, by member id.</extracomment>
        <translation>%1 čállá:</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Tulka</translation>
    </message>
    <message>
        <source>%1 wrote a message. It is on the screen.</source>
        <translation>%1 čálii dieđu. Dat lea šearpmas.</translation>
    </message>
    <message>
        <source>Write here; everyone in the call reads it</source>
        <translation>Čále dása; buohkat ságastallamis lohket dan</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Sádde</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Put the paper under the document camera, text up.</source>
        <translation>Bija báberi dokumeantakámera vuollái, teaksta bajás.</translation>
    </message>
    <message>
        <source>Take a picture</source>
        <translation>Govve</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Lasit siiddu</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>Govve ođđasit</translation>
    </message>
    <message>
        <source>Send to the official</source>
        <translation>Sádde virgeolbmui</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Ruovttoluotta ságastallamii</translation>
    </message>
    <message>
        <source>Is the page sharp and whole? Pages taken: %1</source>
        <translation>Leago siidu čielggas ja ollislaš? Govvejuvvon siiddut: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sáddemin…</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). Receipt %4.</source>
        <translation>%1 vuostáiváldii dii. %2: %3 siiddu. Kuitte %4.</translation>
    </message>
    <message>
        <source>Received by %1 at %2: %3 page(s). The receipt is on the screen.</source>
        <translation>%1 vuostáiváldii dii. %2: %3 siiddu. Kuitte oidno šearpmas.</translation>
    </message>
    <message>
        <source>The document did not arrive. Please send it again.</source>
        <translation>Dokumeanta ii joavdan. Sádde dan ođđasit.</translation>
    </message>
    <message>
        <source>The document camera does not work. Please tell the official: they can tell you another way to hand in your papers.</source>
        <translation>Dokumeantakámera ii doaimma. Dieđit dan virgeolbmožii: son muitala movt sáhttá buktit báhpáriid eará láhkái.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>What went wrong?</source>
        <extracomment>The window&apos;s look (standard or high contrast): the face&apos;s and its label&apos;s colours.</extracomment>
        <translation>Mii manai boastut?</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Mo manai?</translation>
    </message>
    <message>
        <source>Choose one. Your answer is anonymous.</source>
        <translation>Vállje okta. Du vástádus lea namahis.</translation>
    </message>
    <message>
        <source>Touch a face. Your answer helps us improve the service.</source>
        <translation>Guoskkat ovdamuođu. Du vástádus veahkeha min buoridit bálvalusa.</translation>
    </message>
    <message>
        <source>Very bad</source>
        <translation>Hui heittot</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Heittot</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Gaskamearálaš</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Buorre</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Hui buorre</translation>
    </message>
    <message>
        <source>I waited too long</source>
        <translation>Vurdden menddo guhká</translation>
    </message>
    <message>
        <source>Sound or picture was poor</source>
        <translation>Jietna dahje govva lei heittot</translation>
    </message>
    <message>
        <source>The kiosk was hard to use</source>
        <translation>Rusttega lei váttis geavahit</translation>
    </message>
    <message>
        <source>My matter was not solved</source>
        <translation>Mu ášši ii čoavdašuvvon</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Juoga eará</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Njuikes</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gárvvis</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Waiting time not known</source>
        <translation>Vuordináigi ii leat dieđus</translation>
    </message>
    <message>
        <source>Your turn is very soon</source>
        <translation>Du vuorru lea farga</translation>
    </message>
    <message>
        <source>Wait about %1 min</source>
        <translation>Vuordde sullii %1 min</translation>
    </message>
    <message>
        <source>Wait about %1–%2 min</source>
        <translation>Vuordde sullii %1–%2 min</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Giddejuvvon</translation>
    </message>
    <message>
        <source>Closed · opens at %1</source>
        <translation>Giddejuvvon · rahpasa dii. %1</translation>
    </message>
    <message>
        <source>Closed · opens %1 at %2</source>
        <translation>Giddejuvvon · rahpasa %1 dii. %2</translation>
    </message>
</context>
<context>
    <name>IdleGuard</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Visit states the guard never clears: a call, and a place in the queue. What the question covers: the screens, not the top bar, whose accessibility controls (read aloud, large text, contrast, language) stay within reach.</extracomment>
        <translation>Leatgo ain dás?</translation>
    </message>
    <message>
        <source>The screen will be cleared in %1 seconds.</source>
        <translation>Šearbma čorgejuvvo %1 sekundda geažes.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Lean ain dás</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Remote service</source>
        <extracomment>How large everything is drawn on the panel (sizing.py; app.py measures it). Speech guidance is on (voice.py): said when it starts, shown for whoever is with the customer.</extracomment>
        <translation>Gáiddusbálvalus</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Loga jitnosit</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Stuorát teaksta</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Stuora kontrásta</translation>
    </message>
    <message>
        <source>Service point %1</source>
        <translation>Bálvalanbáiki %1</translation>
    </message>
    <message>
        <source>Connecting to the service…</source>
        <translation>Čatnamin bálvalussii…</translation>
    </message>
    <message>
        <source>The service is not reachable right now. Trying again…</source>
        <translation>Bálvalussii ii dál olahuvvo. Geahččalit ođđasit…</translation>
    </message>
</context>
<context>
    <name>ShownDocument</name>
    <message>
        <source>The official shows you: %1</source>
        <translation>Virgeolmmoš čájeha dutnje: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Čálit</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Ruovttoluotta ságastallamii</translation>
    </message>
    <message>
        <source>Printing. Take the paper from the printer.</source>
        <translation>Čálihuvvo. Váldde báberi čálihanmašiinnas.</translation>
    </message>
    <message>
        <source>The printer did not work. Ask the official to send it to you another way.</source>
        <translation>Čálihanmašiidna ii doaibman. Bivdde virgeolbmo sáddet dan dutnje eará láhkái.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>The camera is not working: the official cannot see you, but you can talk.</source>
        <extracomment>Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the Maghreb locales; plain &quot;ar&quot; would mix ١٠:٠٠ with 10). The customer&apos;s own picture over the official&apos;s, alone and beside an interpreter. Sign languages: an interpreter of one gets the large picture. How large this screen draws on the panel (sizing.py); every length goes through it. What to do instead when a device the operator configured is not there: said before the customer starts (during the call, where the device is used).</extracomment>
        <translation>Kamera ii doaimma: bargi ii oainne du, muhto sáhtti hupmat.</translation>
    </message>
    <message>
        <source>The document camera is not working: ask the official how to send papers.</source>
        <translation>Dokumeantakamera ii doaimma: jeara bargis mo sáhtát sáddet báhpáriid.</translation>
    </message>
    <message>
        <source>The microphone is not working: write to the official instead.</source>
        <translation>Mikrofovdna ii doaimma: čális bargái baicca.</translation>
    </message>
    <message>
        <source>The loudspeaker is not working: ask the official to write to you.</source>
        <translation>Jietnabeaggi ii doaimma: bivdde bargi čállit dutnje.</translation>
    </message>
    <message>
        <source>Welcome to remote service</source>
        <translation>Bures boahtin gáiddusbálvalussii</translation>
    </message>
    <message>
        <source>Talk over video with an official of Kela, the Tax Administration, the police and other agencies.</source>
        <translation>Ságastala videoin Kela, Vearrohálddahusa, politiija ja eará virgedoaimmahagaid virgeolbmuiguin.</translation>
    </message>
    <message>
        <source>Thank you. The call has ended.</source>
        <translation>Giitu. Ságastallan lea nohkan.</translation>
    </message>
    <message>
        <source>No official of this agency is available any more today. Please come again during opening hours.</source>
        <translation>Dán virgedoaimmahaga virgeolbmot eai leat šat olahanláhkai odne. Boađe ođđasit rahpanáiggis.</translation>
    </message>
    <message>
        <source>Your place in the queue has expired. Please start again.</source>
        <translation>Du sadji jonos lea nohkan. Álggat ođđasit.</translation>
    </message>
    <message>
        <source>The call was cut off because the connection was lost. You can call again: you will be first in the queue.</source>
        <translation>Ságastallan botkanii go oktavuohta jávkkai. Sáhtát riŋget ođđasit: don leat vuosttažin jođus.</translation>
    </message>
    <message>
        <source>Call %1 again</source>
        <translation>Riŋge ođđasit: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Álgge</translation>
    </message>
    <message>
        <source>Calls are not recorded.</source>
        <translation>Ságastallamat eai báddejuvvo.</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Speech guidance is off.</source>
        <extracomment>How long a finger is held on the screen to turn speech guidance on or off: longer than any tap or a hand resting for a moment. A finger that moves further than this is swiping, not holding. Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal&apos;s keypad sends that. The language speech goes on in where the customer&apos;s has no voice (kiosk/speech.py): North Sami speakers in Finland read Finnish; Somali speakers are offered English. How often the screen is looked at for what changed, while guidance is on. Everything said by guidance (the tests listen here; so could a log). The button said last by a touch: touched again, it is chosen.</extracomment>
        <translation>Hállanbagadus lea jaddaduvvon.</translation>
    </message>
    <message>
        <source>Speech guidance is on. Touch the screen to hear what is there. Touch the same place again to choose it. Hold a finger on the screen for three seconds to turn speech off.</source>
        <translation>Hállanbagadus lea álggahuvvon. Guoskkat šearpma, de gullat mii das lea. Guoskkat seamma saji fas, de válljet dan. Doala suorpma šearpmas golbma sekundda, de hállan nohká.</translation>
    </message>
    <message>
        <source>No speech in %1.</source>
        <translation>%1: ii hállan.</translation>
    </message>
    <message>
        <source>Not available now.</source>
        <translation>Ii leat geavahusas dál.</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>You are being transferred to %1</source>
        <translation>Don sirdojuvvot: %1</translation>
    </message>
    <message>
        <source>Please wait, an official will answer soon</source>
        <translation>Vuordde, virgeolmmoš vástida farga</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Don leat boahtte</translation>
    </message>
    <message>
        <source>Your place in the queue: %1</source>
        <translation>Du sadji jonos: %1</translation>
    </message>
    <message>
        <source>Please stay in front of the screen. The call opens by itself.</source>
        <translation>Bisut šearpma ovddas. Ságastallan rahpasa ieš.</translation>
    </message>
    <message>
        <source>While you wait, have ready:
• your ID card, passport or residence permit
• the papers for your matter (the document camera takes them)</source>
        <translation>Vuordidettiin váldde ovdan:
• identitehtakoartta, pássa dahje orrunlobi
• ášši báberiid (dokumeantakámera govve daid)</translation>
    </message>
    <message>
        <source>The call is not recorded. Only the official (and an interpreter, if one joins) sees and hears you. The documents you hand in go only to the official.</source>
        <translation>Ságastallan ii báddejuvvo. Dušše virgeolmmoš (ja tulka, jos son searvá) oaidná ja gullá du. Dokumeanttat maid addát mannet dušše virgeolbmui.</translation>
    </message>
    <message>
        <source>This is how the official will see you</source>
        <translation>Nu virgeolmmoš oaidná du</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Gaskkalduhte</translation>
    </message>
</context>
</TS>
