package org.accueil.demo;

import java.util.List;
import org.accueil.assistant.knowledge.KnowledgeEntries;
import org.accueil.assistant.knowledge.KnowledgeEntry;
import org.accueil.assistant.knowledge.KnowledgeEntryDetails;
import org.accueil.practice.LocalizedText;
import org.jspecify.annotations.Nullable;

/**
 * What the demo practice's assistant knows, as Centre Médical Riverside would write it: hours and
 * address (matching {@link DemoPractice}'s location), directions with a map, parking, fees,
 * insurance and payment, services and doctors, cancelling, what to bring, accessibility, masks,
 * languages, new patients. Only entries missing (by topic and English question) are added, so a
 * restart neither duplicates them nor undoes what was changed in them.
 */
public final class DemoKnowledge {

  /** Each entry: question, answer and keywords, in French, English and Italian. */
  public static final List<KnowledgeEntryDetails> ENTRIES =
      List.of(
          entry(
              "info",
              null,
              text(
                  "Quels sont vos horaires et votre adresse ?",
                  "Centre Médical Riverside, 42 High Street, 75011 Paris. Ouvert du lundi au vendredi de 8 h à 19 h et le samedi de 9 h à 12 h 30 ; fermé le dimanche et les jours fériés. Téléphone : +33 1 44 55 66 77.",
                  "infos informations coordonnées contact téléphone horaires adresse"),
              text(
                  "What are your opening hours and address?",
                  "Centre Médical Riverside, 42 High Street, 75011 Paris. Open Monday to Friday 8:00–19:00 and Saturday 9:00–12:30; closed on Sundays and public holidays. Phone: +33 1 44 55 66 77.",
                  "info information details contact phone hours address"),
              text(
                  "Quali sono i vostri orari e il vostro indirizzo?",
                  "Centre Médical Riverside, 42 High Street, 75011 Parigi. Aperto dal lunedì al venerdì dalle 8:00 alle 19:00 e il sabato dalle 9:00 alle 12:30; chiuso la domenica e nei giorni festivi. Telefono: +33 1 44 55 66 77.",
                  "info informazioni contatti telefono orari indirizzo")),
          entry(
              "hours",
              null,
              text(
                  "Quels sont vos horaires d'ouverture ? Êtes-vous ouverts le samedi ?",
                  "Le centre est ouvert du lundi au vendredi de 8 h à 19 h et le samedi de 9 h à 12 h 30. Il est fermé le dimanche et les jours fériés. Les horaires de chaque médecin varient : demandez-nous un créneau et nous vous proposerons les disponibilités.",
                  "horaires heures heure ouvert ouverts ouvrez ouverture fermé fermez ferme fermeture samedi dimanche lundi soir matin jours fériés"),
              text(
                  "What are your opening hours? Are you open on Saturdays?",
                  "The centre is open Monday to Friday from 8:00 to 19:00 and on Saturday from 9:00 to 12:30. It is closed on Sundays and public holidays. Each doctor has their own hours: ask us for an appointment and we will offer you the free times.",
                  "hours opening open opened close closed closing times saturday sunday weekend evening morning holidays"),
              text(
                  "Quali sono i vostri orari di apertura? Siete aperti il sabato?",
                  "Il centro è aperto dal lunedì al venerdì dalle 8:00 alle 19:00 e il sabato dalle 9:00 alle 12:30. È chiuso la domenica e nei giorni festivi. Ogni medico ha i propri orari: ci chieda un appuntamento e le proporremo le disponibilità.",
                  "orari orario ora ore apertura aperto aperti chiuso chiudete chiude chiudere chiusura sabato domenica sera mattina festivi")),
          entry(
              "address",
              null,
              text(
                  "Quelle est votre adresse ?",
                  "Centre Médical Riverside, 42 High Street, 75011 Paris (rez-de-chaussée, accès de plain-pied). Téléphone : +33 1 44 55 66 77.",
                  "adresse situé situés trouve trouvez rue localisation exacte"),
              text(
                  "What is your address?",
                  "Centre Médical Riverside, 42 High Street, 75011 Paris (ground floor, step-free entrance). Phone: +33 1 44 55 66 77.",
                  "address located location street find"),
              text(
                  "Qual è il vostro indirizzo?",
                  "Centre Médical Riverside, 42 High Street, 75011 Parigi (piano terra, ingresso senza gradini). Telefono: +33 1 44 55 66 77.",
                  "indirizzo trova trovate via sede dove")),
          entry(
              "directions",
              "https://www.openstreetmap.org/?mlat=48.86451&mlon=2.37702#map=18/48.86451/2.37702",
              text(
                  "Comment venir au centre ?",
                  "42 High Street, 75011 Paris. Métro : Parmentier (ligne 3), à 4 minutes à pied, ou Oberkampf (lignes 5 et 9), à 6 minutes. Bus : 46 et 96, arrêt Parmentier. Station Vélib' devant le n° 38. Plan :",
                  "venir aller accès accéder itinéraire chemin plan carte métro bus transports trajet trouver"),
              text(
                  "How do I get to the centre?",
                  "42 High Street, 75011 Paris. Metro: Parmentier (line 3), a 4-minute walk, or Oberkampf (lines 5 and 9), 6 minutes. Bus: 46 and 96, stop Parmentier. A Vélib' bike station is in front of no. 38. Map:",
                  "get directions route way map metro subway underground tube bus transport reach find"),
              text(
                  "Come si arriva al centro?",
                  "42 High Street, 75011 Parigi. Metro: Parmentier (linea 3), a 4 minuti a piedi, oppure Oberkampf (linee 5 e 9), a 6 minuti. Autobus: 46 e 96, fermata Parmentier. Stazione Vélib' davanti al n. 38. Mappa:",
                  "arrivare raggiungere indicazioni percorso mappa cartina metro metropolitana autobus mezzi")),
          entry(
              "parking",
              null,
              text(
                  "Où puis-je me garer ? Y a-t-il un parking ?",
                  "Le centre n'a pas de parking privé. Le parking public Indigo Parmentier (24 h/24) est à 150 m, au 5 avenue Parmentier. Stationnement payant dans la rue ; deux places réservées aux personnes handicapées devant le n° 40. Dépose-minute possible devant l'entrée.",
                  "garer stationner stationnement parking voiture se garer place handicapé dépose"),
              text(
                  "Where can I park? Is there parking?",
                  "The centre has no car park of its own. The Indigo Parmentier public car park (open 24/7) is 150 m away at 5 avenue Parmentier. Street parking is paid; two disabled spaces are in front of no. 40. You can be dropped off at the entrance.",
                  "park parking car drive space disabled drop off garage"),
              text(
                  "Dove posso parcheggiare? C'è un parcheggio?",
                  "Il centro non ha un parcheggio proprio. Il parcheggio pubblico Indigo Parmentier (aperto 24 ore su 24) è a 150 m, al 5 avenue Parmentier. Il parcheggio in strada è a pagamento; due posti per disabili davanti al n. 40. È possibile farsi lasciare davanti all'ingresso.",
                  "parcheggiare parcheggio parcheggi posteggio macchina auto posto disabili")),
          entry(
              "prices",
              null,
              text(
                  "Combien coûte une consultation ? Quels sont vos tarifs ?",
                  "Médecine générale (Dr Johnson, Dr Chen, Dr Smith) : secteur 1, 30 €, sans dépassement. Pédiatrie (Dr Martinez) : secteur 1, 30 €. Téléconsultation : 30 €. Dermatologie (Dr Phillips) : secteur 2, 60 €. Orthopédie (Dr Williams) : secteur 2, 70 € la consultation, 90 € l'infiltration. L'Assurance Maladie rembourse 70 % du tarif de base ; le dépassement du secteur 2 est souvent pris en charge par la mutuelle.",
                  "prix tarif tarifs coût coûte combien payer honoraires secteur dépassement euros remboursement rembourse cher généraliste dermatologue pédiatre"),
              text(
                  "How much does a consultation cost? What are your fees?",
                  "General practice (Dr Johnson, Dr Chen, Dr Smith): sector 1, €30, no extra fees. Paediatrics (Dr Martinez): sector 1, €30. Video consultation: €30. Dermatology (Dr Phillips): sector 2, €60. Orthopaedics (Dr Williams): sector 2, €70 per consultation, €90 for a joint injection. French health insurance reimburses 70% of the base rate; the sector 2 extra fee is often covered by a top-up insurance (mutuelle).",
                  "price prices cost costs fee fees charge pay much expensive euros reimbursed reimbursement sector GP consultation dermatologist paediatrician"),
              text(
                  "Quanto costa una visita? Quali sono le vostre tariffe?",
                  "Medicina generale (Dr Johnson, Dr Chen, Dr Smith): settore 1, 30 €, senza supplementi. Pediatria (Dr Martinez): settore 1, 30 €. Televisita: 30 €. Dermatologia (Dr Phillips): settore 2, 60 €. Ortopedia (Dr Williams): settore 2, 70 € la visita, 90 € l'infiltrazione. L'assicurazione sanitaria francese rimborsa il 70% della tariffa base; il supplemento del settore 2 è spesso coperto dall'assicurazione integrativa.",
                  "prezzo prezzi costo costa tariffa tariffe pagare onorario euro rimborso rimborsa caro generico dermatologo pediatra")),
          entry(
              "insurance",
              null,
              text(
                  "Acceptez-vous la carte Vitale, le tiers payant et les mutuelles ? Comment payer ?",
                  "Oui. Nous lisons la carte Vitale et pratiquons le tiers payant sur la part de l'Assurance Maladie pour tous, et sur la part mutuelle pour la plupart des mutuelles (apportez votre carte de mutuelle). Tiers payant intégral pour la Complémentaire santé solidaire, l'AME et les affections de longue durée. Paiement par carte bancaire (sans contact possible) ou en espèces ; pas de chèques. Patients européens : carte européenne d'assurance maladie acceptée.",
                  "carte vitale tiers payant mutuelle mutuelles complémentaire assurance sécurité sociale CSS AME paiement payer carte bancaire CB espèces chèque européenne"),
              text(
                  "Do you accept the carte Vitale, direct billing and top-up insurance? How can I pay?",
                  "Yes. We read the carte Vitale and bill French health insurance directly for its share for everyone, and most top-up insurers (mutuelles) for theirs (bring your insurance card). Full direct billing for Complémentaire santé solidaire, AME and long-term conditions. Payment by bank card (contactless accepted) or cash; no cheques. European patients: the European Health Insurance Card (EHIC) is accepted.",
                  "insurance insurer health card vitale mutuelle direct billing accept pay payment card credit debit contactless cash cheque check EHIC european"),
              text(
                  "Accettate la tessera sanitaria, la carte Vitale e le assicurazioni? Come si paga?",
                  "Sì. Leggiamo la carte Vitale e applichiamo il pagamento diretto (tiers payant) per la quota dell'assicurazione sanitaria francese e, per la maggior parte delle mutue integrative, anche per la loro quota. Pazienti europei: accettiamo la tessera sanitaria europea (TEAM). Pagamento con carta (anche contactless) o in contanti; niente assegni.",
                  "tessera sanitaria TEAM europea carte vitale assicurazione mutua integrativa accettate pagare pagamento carta credito bancomat contanti assegno")),
          entry(
              "services",
              null,
              text(
                  "Traitez-vous l'eczéma, l'acné ou les grains de beauté ? Y a-t-il un dermatologue ?",
                  "Oui : le Dr Emma Phillips, dermatologue, consulte le lundi, le mercredi et le vendredi. Elle prend en charge l'eczéma, l'acné, le psoriasis et le contrôle des grains de beauté. Demandez une consultation de dermatologie.",
                  "dermatologie dermatologue dermato peau eczéma acné psoriasis grains de beauté boutons taches Phillips soigner soignez traiter traitez"),
              text(
                  "Do you treat eczema, acne or moles? Is there a dermatologist?",
                  "Yes: Dr Emma Phillips, dermatologist, sees patients on Monday, Wednesday and Friday. She treats eczema, acne and psoriasis and checks moles. Ask for a dermatology consultation.",
                  "dermatology dermatologist skin eczema acne psoriasis mole moles spots rash Phillips treat"),
              text(
                  "Curate l'eczema, l'acne o i nei? C'è un dermatologo?",
                  "Sì: la dottoressa Emma Phillips, dermatologa, riceve il lunedì, il mercoledì e il venerdì. Si occupa di eczema, acne e psoriasi e del controllo dei nei. Chieda una visita dermatologica.",
                  "dermatologia dermatologo dermatologa pelle eczema acne psoriasi nei neo macchie Phillips curare curate trattate")),
          entry(
              "services",
              null,
              text(
                  "Avez-vous un pédiatre pour les enfants ?",
                  "Oui : le Dr Sofia Martinez, pédiatre, consulte du lundi au jeudi (pas le vendredi), pour les enfants de la naissance à 16 ans : suivi, vaccins, certificats. Elle parle aussi italien et espagnol. Apportez le carnet de santé de l'enfant.",
                  "pédiatre pédiatrie enfant enfants bébé nourrisson fils fille Martinez"),
              text(
                  "Do you have a paediatrician for children?",
                  "Yes: Dr Sofia Martinez, paediatrician, sees children from birth to 16 Monday to Thursday (not on Fridays): check-ups, vaccines, certificates. She also speaks Italian and Spanish. Bring the child's health record book.",
                  "paediatrician pediatrician paediatrics pediatrics child children kid kids baby son daughter Martinez"),
              text(
                  "Avete un pediatra per i bambini?",
                  "Sì: la dottoressa Sofia Martinez, pediatra, riceve dal lunedì al giovedì (non il venerdì) i bambini dalla nascita ai 16 anni: controlli, vaccini, certificati. Parla anche italiano e spagnolo. Porti il libretto sanitario del bambino.",
                  "pediatra pediatria bambino bambini bimbo neonato figlio figlia Martinez")),
          entry(
              "services",
              null,
              text(
                  "Faites-vous les vaccins ? Le vaccin contre la grippe ?",
                  "Oui, sur rendez-vous « Vaccination » avec le Dr Johnson, le Dr Chen, le Dr Smith ou, pour les enfants, le Dr Martinez : grippe, COVID-19, tétanos, rappels, vaccins du voyage courants. Apportez votre carnet de vaccination et le vaccin si votre pharmacie vous l'a délivré.",
                  "vaccin vaccins vaccination vacciner grippe covid rappel tétanos piqûre"),
              text(
                  "Do you give vaccinations? The flu jab?",
                  "Yes, with a Vaccination appointment with Dr Johnson, Dr Chen, Dr Smith or, for children, Dr Martinez: flu, COVID-19, tetanus, boosters and common travel vaccines. Bring your vaccination record and the vaccine if your pharmacy gave it to you.",
                  "vaccine vaccines vaccination vaccinate jab jabs shot flu covid booster tetanus"),
              text(
                  "Fate le vaccinazioni? Il vaccino antinfluenzale?",
                  "Sì, con un appuntamento «Vaccinazione» con il Dr Johnson, il Dr Chen, la Dr Smith o, per i bambini, la Dr Martinez: influenza, COVID-19, tetano, richiami e i comuni vaccini per i viaggi. Porti il libretto delle vaccinazioni e il vaccino se gliel'ha dato la farmacia.",
                  "vaccino vaccini vaccinazione vaccinazioni influenza antinfluenzale covid richiamo tetano puntura")),
          entry(
              "services",
              null,
              text(
                  "Proposez-vous la téléconsultation ?",
                  "Oui : le Dr Wei Chen fait des téléconsultations de 15 minutes du lundi au vendredi. Le lien de la visio vous est envoyé 15 minutes avant ; il vous faut un téléphone ou un ordinateur avec caméra. Remboursée comme une consultation au cabinet.",
                  "téléconsultation visio vidéo distance en ligne internet caméra"),
              text(
                  "Do you offer video consultations?",
                  "Yes: Dr Wei Chen offers 15-minute video consultations Monday to Friday. The video link is sent 15 minutes before; you need a phone or a computer with a camera. Reimbursed like a visit at the centre.",
                  "video consultation teleconsultation online remote call camera telehealth telemedicine"),
              text(
                  "Fate visite in videochiamata?",
                  "Sì: il Dr Wei Chen fa televisite di 15 minuti dal lunedì al venerdì. Il link della videochiamata arriva 15 minuti prima; serve un telefono o un computer con videocamera. Rimborsata come una visita in studio.",
                  "televisita videochiamata video videoconsulto distanza online telemedicina")),
          entry(
              "services",
              null,
              text(
                  "Quels médecins et quelles spécialités y a-t-il au centre ?",
                  "Médecine générale : Dr Marc Johnson, Dr Wei Chen, Dr Anna Smith (aussi le samedi matin). Dermatologie : Dr Emma Phillips (lundi, mercredi, vendredi). Pédiatrie : Dr Sofia Martinez (lundi au jeudi). Orthopédie et infiltrations : Dr Luca Williams (mardi, mercredi matin, jeudi).",
                  "médecins médecin généraliste spécialités spécialistes orthopédiste orthopédie docteurs équipe infiltration infiltrations jours"),
              text(
                  "Which doctors and specialties are there at the centre?",
                  "General practice: Dr Marc Johnson, Dr Wei Chen, Dr Anna Smith (also Saturday mornings). Dermatology: Dr Emma Phillips (Monday, Wednesday, Friday). Paediatrics: Dr Sofia Martinez (Monday to Thursday). Orthopaedics and joint injections: Dr Luca Williams (Tuesday, Wednesday morning, Thursday).",
                  "doctors doctor GP general practitioner specialties specialists orthopaedic orthopedic team staff joint injection injections days work"),
              text(
                  "Quali medici e specialità ci sono al centro?",
                  "Medicina generale: Dr Marc Johnson, Dr Wei Chen, Dr Anna Smith (anche il sabato mattina). Dermatologia: Dr Emma Phillips (lunedì, mercoledì, venerdì). Pediatria: Dr Sofia Martinez (dal lunedì al giovedì). Ortopedia e infiltrazioni: Dr Luca Williams (martedì, mercoledì mattina, giovedì).",
                  "medici medico generico specialità specialisti ortopedico ortopedia dottori infiltrazione infiltrazioni giorni")),
          entry(
              "other",
              null,
              text(
                  "Comment annuler ou déplacer mon rendez-vous ?",
                  "Répondez simplement à ce message en indiquant votre rendez-vous, ou appelez le +33 1 44 55 66 77. Merci de prévenir au moins 24 heures à l'avance : le créneau pourra être proposé à un autre patient. Aucun frais d'annulation.",
                  "annuler annulation déplacer décaler reporter modifier changer rendez-vous empêchement"),
              text(
                  "How do I cancel or move my appointment?",
                  "Just reply to this message saying which appointment, or call +33 1 44 55 66 77. Please let us know at least 24 hours before, so the time can go to another patient. There is no cancellation fee.",
                  "cancel cancellation reschedule move change postpone appointment"),
              text(
                  "Come posso annullare o spostare il mio appuntamento?",
                  "Risponda semplicemente a questo messaggio indicando l'appuntamento, oppure chiami il +33 1 44 55 66 77. La preghiamo di avvisare almeno 24 ore prima: l'orario potrà andare a un altro paziente. Nessun costo di annullamento.",
                  "annullare disdire disdetta spostare rinviare cambiare modificare appuntamento")),
          entry(
              "preparation",
              null,
              text(
                  "Que dois-je apporter à mon rendez-vous ?",
                  "Votre carte Vitale, votre carte de mutuelle, une pièce d'identité, vos ordonnances en cours et vos derniers résultats d'examens. Pour un enfant : son carnet de santé. Merci d'arriver 10 minutes en avance pour une première visite.",
                  "apporter amener prendre documents papiers pièce identité ordonnances résultats arriver avance"),
              text(
                  "What should I bring to my appointment?",
                  "Your carte Vitale (or EHIC), your top-up insurance card, an ID, your current prescriptions and your latest test results. For a child: their health record book. Please arrive 10 minutes early for a first visit.",
                  "bring documents papers ID identity prescriptions results arrive early"),
              text(
                  "Cosa devo portare all'appuntamento?",
                  "La carte Vitale (o la tessera sanitaria europea), la tessera dell'assicurazione integrativa, un documento d'identità, le prescrizioni in corso e gli ultimi esami. Per un bambino: il libretto sanitario. Per una prima visita arrivi 10 minuti prima.",
                  "portare documenti documento identità prescrizioni ricette esami arrivare anticipo")),
          entry(
              "other",
              null,
              text(
                  "Le centre est-il accessible en fauteuil roulant ?",
                  "Oui : entrée de plain-pied, cabinets au rez-de-chaussée, toilettes adaptées et boucle magnétique à l'accueil. Deux places de stationnement handicapé devant le n° 40. Signalez-nous tout besoin particulier, nous nous organiserons.",
                  "accessible accessibilité handicap handicapé fauteuil roulant mobilité réduite poussette ascenseur marches"),
              text(
                  "Is the centre wheelchair accessible?",
                  "Yes: step-free entrance, consulting rooms on the ground floor, an accessible toilet and a hearing loop at reception. Two disabled parking spaces are in front of no. 40. Tell us about any particular need and we will arrange it.",
                  "accessible accessibility wheelchair disabled disability mobility pushchair stroller lift elevator steps"),
              text(
                  "Il centro è accessibile in sedia a rotelle?",
                  "Sì: ingresso senza gradini, ambulatori al piano terra, bagno accessibile e anello a induzione all'accoglienza. Due posti auto per disabili davanti al n. 40. Ci segnali ogni esigenza particolare e ci organizzeremo.",
                  "accessibile accessibilità disabili disabile carrozzina sedia rotelle passeggino ascensore gradini")),
          entry(
              "other",
              null,
              text(
                  "Faut-il porter un masque ? Et si j'ai de la fièvre ou le COVID ?",
                  "Le masque n'est plus obligatoire, mais nous vous demandons d'en porter un (disponible à l'accueil) si vous toussez ou avez de la fièvre. Dans ce cas, dites-le en prenant rendez-vous : nous pouvons vous proposer une téléconsultation.",
                  "masque masques covid coronavirus grippe contagieux salle d'attente"),
              text(
                  "Do I have to wear a mask? What if I have COVID?",
                  "Masks are no longer compulsory, but please wear one (available at reception) if you are coughing or have a fever. In that case tell us when you book: we can offer a video consultation.",
                  "mask masks face covering covid coronavirus flu waiting room"),
              text(
                  "Devo indossare la mascherina? E se ho il COVID?",
                  "La mascherina non è più obbligatoria, ma le chiediamo di indossarne una (disponibile all'accoglienza) se ha tosse o febbre. In tal caso ce lo dica quando prenota: possiamo proporle una televisita.",
                  "mascherina mascherine covid coronavirus influenza sala d'attesa")),
          entry(
              "other",
              null,
              text(
                  "Quelles langues parlez-vous ?",
                  "L'accueil vous répond en français, en anglais et en italien. Les médecins parlent aussi : Dr Phillips anglais et français ; Dr Johnson français et anglais ; Dr Martinez français, italien et espagnol ; Dr Chen anglais, français et chinois ; Dr Williams italien, anglais et français ; Dr Smith anglais et italien.",
                  "langue langues parlez anglais italien espagnol chinois traduction interprète"),
              text(
                  "Which languages do you speak?",
                  "Reception answers in French, English and Italian. The doctors speak: Dr Phillips English and French; Dr Johnson French and English; Dr Martinez French, Italian and Spanish; Dr Chen English, French and Chinese; Dr Williams Italian, English and French; Dr Smith English and Italian.",
                  "language languages speak english french italian spanish chinese translator interpreter"),
              text(
                  "Che lingue parlate?",
                  "L'accoglienza risponde in francese, inglese e italiano. I medici parlano: Dr Phillips inglese e francese; Dr Johnson francese e inglese; Dr Martinez francese, italiano e spagnolo; Dr Chen inglese, francese e cinese; Dr Williams italiano, inglese e francese; Dr Smith inglese e italiano.",
                  "lingua lingue parlate parla italiano inglese francese spagnolo cinese interprete")),
          entry(
              "other",
              null,
              text(
                  "Prenez-vous de nouveaux patients ? Puis-je vous déclarer comme médecin traitant ?",
                  "Oui, le Dr Chen et le Dr Smith acceptent de nouveaux patients et peuvent devenir votre médecin traitant ; le Dr Johnson reçoit les nouveaux patients le mardi après-midi. Demandez une « première consultation » (45 minutes).",
                  "nouveau nouveaux patient patients médecin traitant déclaration inscrire inscription première"),
              text(
                  "Are you taking new patients? Can you be my regular GP?",
                  "Yes, Dr Chen and Dr Smith accept new patients and can become your registered GP (médecin traitant); Dr Johnson sees new patients on Tuesday afternoons. Ask for a new-patient visit (45 minutes).",
                  "new patient patients register registration regular GP family doctor first"),
              text(
                  "Accettate nuovi pazienti? Potete essere il mio medico curante?",
                  "Sì, il Dr Chen e la Dr Smith accettano nuovi pazienti e possono diventare il suo medico curante (médecin traitant); il Dr Johnson riceve i nuovi pazienti il martedì pomeriggio. Chieda una «prima visita» (45 minuti).",
                  "nuovo nuovi paziente pazienti medico curante famiglia iscrizione registrarsi prima")));

  private DemoKnowledge() {}

  /** Adds the entries not there yet; how many it added. */
  public static int ensure(KnowledgeEntries entries) {
    List<KnowledgeEntry> existing = entries.list();
    int added = 0;
    for (KnowledgeEntryDetails entry : ENTRIES) {
      boolean present =
          existing.stream()
              .anyMatch(
                  e ->
                      e.topic().equals(entry.topic())
                          && e.question().en().equals(entry.question().en()));
      if (!present) {
        entries.create(entry);
        added++;
      }
    }
    return added;
  }

  /** Question, answer and keywords of one language. */
  private record Text(String question, String answer, String keywords) {}

  private static Text text(String question, String answer, String keywords) {
    return new Text(question, answer, keywords);
  }

  private static KnowledgeEntryDetails entry(
      String topic, @Nullable String mapUrl, Text fr, Text en, Text it) {
    return new KnowledgeEntryDetails(
        topic,
        null,
        new LocalizedText(fr.question(), en.question(), it.question()),
        new LocalizedText(fr.answer(), en.answer(), it.answer()),
        new LocalizedText(fr.keywords(), en.keywords(), it.keywords()),
        mapUrl,
        true);
  }
}
