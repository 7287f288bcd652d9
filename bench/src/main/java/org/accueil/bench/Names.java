package org.accueil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.accueil.patients.matching.GivenNames;
import org.accueil.patients.matching.NameKeys;

/**
 * Names as a French, Italian or English practice's register holds them: common names recur with
 * roughly their national frequencies (Martin is about 0.36% of the French, Rossi 0.35% of Italians,
 * Smith 1.15% of the English), and a long tail of rare names follows.
 *
 * <p>Family names: a head of the most frequent names of each language with weights per 10,000
 * people (approximations of INSEE, ISTAT and ONS counts), then a tail of plausible rare names built
 * from syllables, drawn with a Zipf-like (log-uniform) rank so that a few recur tens of times and
 * most once or twice. Some carry particles (de, Le, Di, D', O', Mc) or are double names
 * (Martin-Dupont). Given names: per language, sex and generation (born before 1970 or after), a
 * head with weights per 1,000 and a tail drawn from the application's own list of given names
 * ({@code given-names.txt}, which the scorer reads), so that every generated given name is one the
 * matcher knows, and nicknames come from the same file.
 */
final class Names {

  static final String FR = "fr";
  static final String IT = "it";
  static final String EN = "en";

  // ---------------------------------------------------------------------------- family names

  private static final String FAMILY_FR =
      "Martin 36, Bernard 15, Thomas 14, Petit 13, Robert 13, Richard 13, Durand 12, Dubois 12,"
          + " Moreau 11, Laurent 11, Simon 10, Michel 10, Lefebvre 10, Leroy 10, Roux 9, David 9,"
          + " Bertrand 9, Morel 9, Fournier 8, Girard 8, Bonnet 8, Dupont 8, Lambert 8, Fontaine 8,"
          + " Rousseau 8, Vincent 7, Muller 7, Lefèvre 7, Faure 7, André 7, Mercier 7, Blanc 7,"
          + " Guérin 7, Boyer 6, Garnier 6, Chevalier 6, François 6, Legrand 6, Gauthier 6, Garcia"
          + " 6, Perrin 6, Robin 6, Clément 6, Morin 5, Nicolas 5, Henry 5, Roussel 5, Mathieu 5,"
          + " Gautier 5, Masson 5, Marchand 5, Duval 5, Denis 5, Dumont 5, Marie 5, Lemaire 5, Noël"
          + " 5, Meyer 5, Dufour 5, Meunier 5, Brun 5, Blanchard 5, Giraud 5, Joly 5, Rivière 5,"
          + " Lucas 5, Brunet 5, Gaillard 5, Barbier 5, Arnaud 5, Martinez 5, Gérard 5, Roche 4,"
          + " Renard 4, Schmitt 4, Roy 4, Leroux 4, Colin 4, Vidal 4, Caron 4, Picard 4, Roger 4,"
          + " Fabre 4, Aubert 4, Lemoine 4, Renaud 4, Dumas 4, Lacroix 4, Olivier 4, Philippe 4,"
          + " Bourgeois 4, Pierre 4, Benoît 4, Rey 4, Leclerc 4, Payet 4, Rolland 4, Leclercq 3,"
          + " Guillaume 3, Lecomte 3, Lopez 3, Jean 3, Dupuy 3, Guillot 3, Hubert 3, Berger 3,"
          + " Carpentier 3, Sanchez 3, Dupuis 3, Moulin 3, Louis 3, Deschamps 3, Huet 3, Vasseur 3,"
          + " Perez 3, Boucher 3, Fleury 3, Royer 3, Klein 3, Jacquet 3, Adam 3, Paris 3, Poirier 3,"
          + " Marty 3, Aubry 3, Guyot 3, Carré 3, Charles 3, Renault 3, Charpentier 3, Ménard 3,"
          + " Maillard 3, Baron 3, Bertin 3, Bailly 3, Hervé 3, Schneider 3, Fernandez 3, Le Gall 3,"
          + " Collet 3, Léger 3, Bouvier 3, Julien 3, Prévost 3, Millet 3, Perrot 3, Daniel 3, Le"
          + " Roux 3, Cousin 3, Germain 3, Breton 3, Besson 3, Langlois 3, Rémy 3, Le Goff 3,"
          + " Pelletier 3, Lévêque 3, Perrier 3, Leblanc 3, Barré 3, Lebrun 3, Marchal 3, Weber 3,"
          + " Mallet 3, Hamon 3, Boulanger 3, Jacob 3, Monnier 3, Michaud 3, Rodriguez 3, Guichard"
          + " 3, Gillet 3, Étienne 3, Da Silva 3, Dos Santos 2, De Oliveira 2, Ferreira 2, Pereira"
          + " 2, Lemaître 2, Chauvin 2, Barthélemy 2, Delaunay 2, Benard 2, Gay 2, Humbert 2,"
          + " Poulain 2, Tessier 2, Chevallier 2, Collin 2, Bouchet 2, Benali 2, Haddad 2, Mansouri"
          + " 2, Belkacem 2, Bouaziz 2, Cherif 2, Nguyen 2, Saint-Martin 1, De la Fontaine 1, Du"
          + " Pont 1, D'Almeida 1, Le Bihan 1, Le Floch 1, Lebreton 1, N'Diaye 1";

  private static final String FAMILY_IT =
      "Rossi 35, Russo 25, Ferrari 18, Esposito 17, Bianchi 14, Romano 13, Colombo 13, Ricci 11,"
          + " Marino 11, Greco 10, Bruno 10, Gallo 10, Conti 9, De Luca 9, Mancini 9, Costa 9,"
          + " Giordano 9, Rizzo 8, Lombardi 8, Moretti 8, Barbieri 7, Fontana 7, Santoro 7, Mariani"
          + " 7, Rinaldi 7, Caruso 7, Ferrara 7, Galli 6, Martini 6, Leone 6, Longo 6, Gentile 6,"
          + " Martinelli 6, Vitale 6, Lombardo 6, Serra 6, Coppola 6, De Santis 6, D'Angelo 6,"
          + " Marchetti 5, Parisi 5, Villa 5, Conte 5, Ferraro 5, Ferri 5, Fabbri 5, Bianco 5,"
          + " Marini 5, Grasso 5, Valentini 5, Messina 5, Sala 5, De Angelis 5, Gatti 5, Pellegrini"
          + " 5, Palumbo 5, Sanna 5, Farina 5, Rizzi 5, Monti 5, Cattaneo 5, Morelli 5, Amato 5,"
          + " Silvestri 5, Mazza 5, Testa 5, Grassi 4, Pellegrino 4, Carbone 4, Giuliani 4,"
          + " Benedetti 4, Barone 4, Rossetti 4, Caputo 4, Montanari 4, Guerra 4, Palmieri 4,"
          + " Bernardi 4, Martino 4, Fiore 4, De Rosa 4, Ferretti 4, Bellini 4, Basile 4, Riva 4,"
          + " Donati 4, Piras 4, Vitali 4, Battaglia 4, Sartori 4, Neri 4, Costantini 4, Milani 4,"
          + " Pagano 4, Ruggiero 4, Sorrentino 4, D'Amico 4, Orlando 4, Di Stefano 3, Di Marco 3, La"
          + " Rosa 3, Di Giovanni 3, Della Valle 2, Lo Russo 2, Del Piero 1, Scognamiglio 2, Iovine"
          + " 1";

  private static final String FAMILY_EN =
      "Smith 115, Jones 75, Williams 60, Taylor 50, Brown 50, Davies 45, Evans 35, Wilson 35,"
          + " Thomas 35, Johnson 30, Roberts 30, Robinson 25, Thompson 25, Wright 25, Walker 25,"
          + " White 23, Edwards 22, Hughes 22, Green 22, Hall 22, Lewis 21, Harris 21, Clarke 20,"
          + " Patel 20, Jackson 19, Wood 18, Turner 17, Martin 17, Cooper 16, Hill 16, Ward 16,"
          + " Morris 16, Moore 15, Clark 15, Lee 15, King 15, Baker 15, Harrison 15, Morgan 14,"
          + " Allen 14, James 14, Scott 14, Phillips 13, Watson 13, Davis 13, Parker 12, Price 12,"
          + " Bennett 12, Young 12, Griffiths 12, Mitchell 12, Kelly 12, Cook 12, Carter 11,"
          + " Richardson 11, Bailey 11, Collins 11, Bell 11, Shaw 11, Murphy 10, Miller 10, Cox 10,"
          + " Richards 10, Khan 10, Marshall 10, Anderson 10, Simpson 10, Ellis 10, Adams 10, Singh"
          + " 10, Begum 9, Wilkinson 9, Foster 9, Chapman 9, Powell 9, Webb 9, Rogers 9, Gray 9,"
          + " Mason 9, Ali 9, Hunt 9, Hussain 9, Campbell 9, Matthews 9, Owen 9, Palmer 9, Holmes 8,"
          + " Mills 8, Barnes 8, Knight 8, Lloyd 8, Butler 8, Russell 8, Barker 8, Fisher 8, Stevens"
          + " 8, Jenkins 8, Murray 8, Dixon 8, Harvey 8, O'Brien 5, O'Connor 5, O'Neill 5, McDonald"
          + " 5, MacDonald 4, McCarthy 4, Fitzgerald 3, Smyth 2, Thomson 3";

  /** Share of each language's people whose family name is in the tail, not the head. */
  private static final Map<String, Double> TAIL_SHARE = Map.of(FR, 0.82, IT, 0.80, EN, 0.62);

  private static final String[][] TAIL_FR = {
    {
      "Beau", "Bel", "Ber", "Bon", "Bou", "Bra", "Cha", "Che", "Cla", "Cou", "Dau", "Del", "Dou",
      "Fa", "Fer", "Fon", "Gal", "Gar", "Gi", "Gou", "Hu", "La", "Le", "Mar", "Mau", "Mon", "Pa",
      "Pe", "Pi", "Pou", "Ra", "Re", "Ri", "Ro", "Sa", "Se", "Tal", "Tho", "Va", "Ver"
    },
    {
      "b", "ch", "d", "g", "gn", "l", "ll", "m", "n", "p", "r", "rb", "rd", "rg", "rl", "rm", "rn",
      "rt", "s", "ss", "t", "v", "nd", "nt", "st"
    },
    {
      "ard", "as", "aud", "ault", "eau", "el", "elin", "enot", "ent", "er", "et", "eux", "ier",
      "ière", "in", "ois", "on", "ot", "oux", "and", "ange", "elle", "esse", "eron", "inet",
      "onnet", "ouin", "ay", "y", "é"
    }
  };

  private static final String[][] TAIL_IT = {
    {
      "Al", "Bal", "Bar", "Bel", "Ber", "Bor", "Bru", "Ca", "Cal", "Cam", "Car", "Ces", "Cia", "Co",
      "Cor", "Fa", "Fer", "Gal", "Gia", "Lo", "Ma", "Mar", "Mo", "Pa", "Pe", "Ri", "Ro", "Sa", "To",
      "Va"
    },
    {
      "b", "c", "cc", "d", "f", "g", "gg", "l", "ll", "m", "n", "nn", "p", "r", "rr", "s", "ss",
      "t", "tt", "v", "z", "zz", "nz", "rd", "st"
    },
    {
      "ini", "etti", "ello", "ucci", "one", "ari", "ani", "ato", "ino", "azzi", "otti", "ese",
      "ieri", "ardi", "elli", "ali", "oni", "uzzi", "ola", "assi", "iero", "ante", "eri", "isi",
      "aro", "enti", "olo", "ucco", "ara", "ia", "io", "i"
    }
  };

  private static final String[][] TAIL_EN = {
    {
      "Ash", "Ald", "Bar", "Black", "Brad", "Bram", "Brook", "Carl", "Crow", "Dun", "Elm", "Fair",
      "Fern", "Gold", "Green", "Hal", "Har", "Hay", "Hol", "Kings", "Lang", "Mar", "Mor", "Pem",
      "Rad", "Ray", "Stan", "Thorn", "Wal", "Went", "Whit", "Wood"
    },
    {"", "e", "er", "ing", "s", "en", "a", "ow"},
    {
      "ford", "ley", "ton", "wood", "well", "worth", "by", "field", "ham", "son", "ridge", "croft",
      "hurst", "man", "stone", "more", "bury", "wick", "dale", "combe", "low", "thwaite", "ell",
      "ett"
    }
  };

  /**
   * Tail ranks start here, so that the most frequent rare name is about as common as the head's
   * last.
   */
  private static final int TAIL_FIRST_RANK = 1_000;

  // ----------------------------------------------------------------------------- given names

  private static final String GIVEN_FR_M_OLD =
      "Jean 60, Michel 45, Pierre 35, André 30, Philippe 30, Alain 28, Bernard 28, Jacques 28,"
          + " Daniel 22, Gérard 22, Claude 20, René 18, Patrick 20, Christian 18, Jean-Pierre 20,"
          + " Jean-Claude 15, Robert 12, Roger 10, Marcel 10, Louis 12, Georges 10, Henri 8, Paul"
          + " 10, Joseph 8, Serge 10, Guy 8, Yves 8, Bruno 8, Didier 10, Pascal 10, Thierry 10, Éric"
          + " 10, Jean-Marie 8, Jean-Louis 8, François 15, Gilles 8, Mohamed 8, Ahmed 4";
  private static final String GIVEN_FR_M_YOUNG =
      "Nicolas 25, Thomas 25, Julien 20, Alexandre 20, Lucas 25, Hugo 22, Louis 20, Gabriel 20,"
          + " Arthur 18, Léo 18, Nathan 18, Maxime 18, Antoine 18, Quentin 12, Romain 14, Sébastien"
          + " 15, Christophe 15, Frédéric 12, Stéphane 12, Laurent 12, David 12, Mathieu 12, Kevin"
          + " 10, Théo 14, Raphaël 14, Jules 14, Paul 12, Adam 12, Mohamed 10, Enzo 12, Clément 12,"
          + " Benjamin 12, Baptiste 10, Pierre 12, Jean 6, Noah 10, Karim 5, Amine 5";
  private static final String GIVEN_FR_F_OLD =
      "Marie 55, Monique 25, Françoise 25, Nathalie 20, Isabelle 22, Sylvie 22, Catherine 22,"
          + " Martine 20, Christine 20, Jacqueline 20, Nicole 18, Anne 18, Brigitte 15, Chantal 15,"
          + " Danielle 12, Michèle 15, Jeanne 15, Simone 10, Suzanne 10, Madeleine 10, Denise 10,"
          + " Colette 8, Marie-Christine 10, Marie-Claude 8, Marie-Thérèse 8, Véronique 12,"
          + " Patricia 12, Valérie 12, Sandrine 10, Annie 8, Josiane 6, Odette 6, Yvette 6, Éliane"
          + " 5, Hélène 10, Fatima 6";
  private static final String GIVEN_FR_F_YOUNG =
      "Emma 20, Léa 20, Chloé 18, Camille 18, Manon 18, Jade 18, Louise 18, Alice 15, Inès 15,"
          + " Lina 12, Sarah 15, Julie 15, Laura 12, Marie 12, Pauline 12, Mathilde 12, Céline 12,"
          + " Aurélie 12, Émilie 12, Stéphanie 12, Élodie 10, Audrey 10, Caroline 10, Lucie 12,"
          + " Anaïs 10, Clara 12, Zoé 12, Juliette 10, Rose 8, Ambre 8, Mélanie 10, Charlotte 10,"
          + " Marion 8, Margaux 8, Yasmine 5";
  private static final String GIVEN_IT_M_OLD =
      "Giuseppe 55, Giovanni 40, Antonio 40, Mario 30, Luigi 25, Francesco 25, Angelo 18,"
          + " Vincenzo 18, Pietro 15, Salvatore 18, Carlo 15, Franco 12, Domenico 12, Bruno 10,"
          + " Paolo 15, Michele 12, Giorgio 12, Aldo 8, Sergio 10, Luciano 10, Roberto 15, Giancarlo"
          + " 8, Renato 8, Alberto 8, Enrico 8, Gianni 8, Massimo 10, Claudio 10, Maurizio 10, Marco"
          + " 10";
  private static final String GIVEN_IT_M_YOUNG =
      "Francesco 25, Alessandro 25, Lorenzo 20, Andrea 22, Matteo 20, Marco 18, Luca 20, Davide"
          + " 15, Simone 15, Federico 12, Stefano 12, Gabriele 12, Riccardo 12, Tommaso 12,"
          + " Leonardo 14, Mattia 12, Giuseppe 8, Antonio 8, Emanuele 8, Daniele 10, Fabio 8,"
          + " Alessio 8, Giacomo 8, Nicola 8, Edoardo 8, Diego 8, Pietro 8, Gianluca 6";
  private static final String GIVEN_IT_F_OLD =
      "Maria 70, Anna 35, Giuseppina 25, Rosa 20, Angela 18, Giovanna 18, Teresa 15, Lucia 15,"
          + " Carmela 12, Caterina 10, Francesca 12, Antonietta 10, Maria Grazia 10, Rita 10, Franca"
          + " 8, Paola 12, Laura 10, Patrizia 10, Daniela 10, Elena 10, Luisa 8, Rosanna 8,"
          + " Gabriella 8, Silvana 8, Marisa 6, Mirella 6, Adriana 6, Carla 8, Grazia 6";
  private static final String GIVEN_IT_F_YOUNG =
      "Sofia 22, Giulia 22, Aurora 15, Alice 15, Ginevra 12, Emma 12, Giorgia 12, Martina 15,"
          + " Chiara 15, Sara 15, Francesca 12, Valentina 12, Federica 12, Elisa 10, Alessia 10,"
          + " Silvia 10, Elena 8, Beatrice 8, Greta 8, Anna 8, Noemi 8, Camilla 8, Roberta 8, Ilaria"
          + " 8, Serena 8";
  private static final String GIVEN_EN_M_OLD =
      "John 50, David 40, Michael 35, Peter 25, Robert 25, Paul 22, James 25, William 20, Richard"
          + " 18, Stephen 15, Christopher 12, Anthony 12, George 15, Brian 10, Kenneth 8, Thomas 12,"
          + " Alan 10, Ian 10, Mark 12, Andrew 12, Edward 8, Charles 8, Keith 6, Colin 6, Graham 6,"
          + " Derek 5, Roy 5, Frank 6, Arthur 6";
  private static final String GIVEN_EN_M_YOUNG =
      "Oliver 20, Jack 18, Harry 18, George 15, Noah 15, Charlie 15, Jacob 12, Thomas 15, James"
          + " 15, William 12, Daniel 15, Samuel 12, Joshua 12, Alfie 10, Leo 10, Oscar 10, Matthew"
          + " 12, Luke 10, Adam 10, Ryan 8, Liam 8, Benjamin 8, Joseph 8, Henry 8, Ethan 8, Jake 6,"
          + " Mohammed 6";
  private static final String GIVEN_EN_F_OLD =
      "Mary 40, Margaret 35, Susan 25, Patricia 20, Elizabeth 20, Linda 15, Barbara 15, Sarah 12,"
          + " Helen 12, Janet 12, Christine 10, Julie 10, Karen 12, Jennifer 12, Ann 10, Joan 10,"
          + " Dorothy 8, Valerie 6, Pauline 6, Carol 10, Sandra 8, Angela 8, Deborah 8, Jacqueline"
          + " 6, Gillian 6, Alison 6, Claire 8";
  private static final String GIVEN_EN_F_YOUNG =
      "Olivia 20, Amelia 18, Isla 12, Ava 15, Emily 18, Sophie 15, Jessica 15, Charlotte 15, Lily"
          + " 12, Grace 12, Mia 12, Ella 10, Chloe 12, Hannah 12, Lucy 12, Emma 12, Rebecca 10,"
          + " Laura 10, Amy 12, Rachel 10, Lauren 10, Katie 8, Holly 8, Georgia 8, Ellie 8";

  /** Share of each group's people whose given name is drawn from the file rather than the head. */
  private static final double GIVEN_TAIL_SHARE = 0.35;

  private static final String RESOURCE = "/org/accueil/patients/matching/given-names.txt";

  /** Family-name heads by language. */
  private final Map<String, Weighted> familyHeads = new HashMap<>();

  /** Given-name heads by "language sex era" (sex m or f; era old or young). */
  private final Map<String, Weighted> givenHeads = new HashMap<>();

  /** The file's registered names by "language sex". */
  private final Map<String, List<String>> givenTails = new HashMap<>();

  /** Compact key of a registered name → its other forms (nicknames, spellings) in the file. */
  private final Map<String, List<String>> forms = new HashMap<>();

  Names() {
    familyHeads.put(FR, Weighted.parse(FAMILY_FR));
    familyHeads.put(IT, Weighted.parse(FAMILY_IT));
    familyHeads.put(EN, Weighted.parse(FAMILY_EN));
    givenHeads.put("fr m old", Weighted.parse(GIVEN_FR_M_OLD));
    givenHeads.put("fr m young", Weighted.parse(GIVEN_FR_M_YOUNG));
    givenHeads.put("fr f old", Weighted.parse(GIVEN_FR_F_OLD));
    givenHeads.put("fr f young", Weighted.parse(GIVEN_FR_F_YOUNG));
    givenHeads.put("it m old", Weighted.parse(GIVEN_IT_M_OLD));
    givenHeads.put("it m young", Weighted.parse(GIVEN_IT_M_YOUNG));
    givenHeads.put("it f old", Weighted.parse(GIVEN_IT_F_OLD));
    givenHeads.put("it f young", Weighted.parse(GIVEN_IT_F_YOUNG));
    givenHeads.put("en m old", Weighted.parse(GIVEN_EN_M_OLD));
    givenHeads.put("en m young", Weighted.parse(GIVEN_EN_M_YOUNG));
    givenHeads.put("en f old", Weighted.parse(GIVEN_EN_F_OLD));
    givenHeads.put("en f young", Weighted.parse(GIVEN_EN_F_YOUNG));
    readGivenNames();
    GivenNames known = GivenNames.standard();
    List<String> unknown = new ArrayList<>();
    givenHeads
        .values()
        .forEach(w -> w.names.stream().filter(n -> !known.isKnown(n)).forEach(unknown::add));
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("Given names the matcher does not know: " + unknown);
    }
  }

  /** A family name of {@code language}. */
  String family(String language, Random random) {
    double tail = TAIL_SHARE.get(language);
    String name =
        random.nextDouble() < tail
            ? tail(language, random)
            : familyHeads.get(language).pick(random);
    double roll = random.nextDouble();
    // Double names: the French give children both parents' names (since 2005); the English
    // double-barrel a few.
    if ((language.equals(FR) && roll < 0.03) || (language.equals(EN) && roll < 0.008)) {
      String second = familyHeads.get(language).pick(random);
      if (!second.equals(name) && !name.contains(" ") && !second.contains(" ")) {
        return name + "-" + second;
      }
    }
    return name;
  }

  /**
   * A given name of {@code language} for someone of sex {@code m} or {@code f} born in {@code
   * year}.
   */
  String given(String language, char sex, int year, Random random) {
    String group = language + " " + sex;
    if (random.nextDouble() < GIVEN_TAIL_SHARE) {
      List<String> tail = givenTails.get(group);
      return tail.get(random.nextInt(tail.size()));
    }
    return givenHeads.get(group + (year < 1970 ? " old" : " young")).pick(random);
  }

  /** Other forms of the given name in the file (nicknames, spellings): empty when it has none. */
  List<String> formsOf(String given) {
    return forms.getOrDefault(NameKeys.compact(NameKeys.key(given)), List.of());
  }

  /** A rare name: its rank drawn log-uniformly, so that frequency falls as 1/rank. */
  private String tail(String language, Random random) {
    String[][] parts =
        switch (language) {
          case FR -> TAIL_FR;
          case IT -> TAIL_IT;
          default -> TAIL_EN;
        };
    int size = parts[0].length * parts[1].length * parts[2].length;
    double u = random.nextDouble();
    int rank =
        (int) (TAIL_FIRST_RANK * Math.pow((size + TAIL_FIRST_RANK) / (double) TAIL_FIRST_RANK, u))
            - TAIL_FIRST_RANK;
    // A fixed permutation of ranks, so that the most frequent rare names are not all "Beaub...".
    int index = (int) ((rank * 7_919L + 4_049L) % size);
    int c = index % parts[2].length;
    int b = (index / parts[2].length) % parts[1].length;
    int a = index / (parts[2].length * parts[1].length);
    String name = parts[0][a] + parts[1][b] + parts[2][c];
    double particle = random.nextDouble();
    return switch (language) {
      case FR -> particle < 0.02 ? "de " + name : particle < 0.035 ? "Le " + name : name;
      case IT ->
          particle < 0.03
              ? "De " + name
              : particle < 0.05
                  ? (isVowel(name.charAt(0)) ? "D'" : "Di ") + name
                  : particle < 0.055 ? "Lo " + name : name;
      default -> particle < 0.02 ? "O'" + name : particle < 0.05 ? "Mc" + name : name;
    };
  }

  private static boolean isVowel(char c) {
    return "AEIOU".indexOf(c) >= 0;
  }

  private void readGivenNames() {
    try (var in = Names.class.getResourceAsStream(RESOURCE);
        var reader =
            new BufferedReader(
                new InputStreamReader(
                    java.util.Objects.requireNonNull(in, RESOURCE), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\\s+", 3);
        List<String> names = new ArrayList<>();
        for (String name : fields[2].split(",")) {
          names.add(name.strip());
        }
        String registered = names.getFirst();
        for (String sex : fields[1].equals("x") ? List.of("m", "f") : List.of(fields[1])) {
          givenTails.computeIfAbsent(fields[0] + " " + sex, k -> new ArrayList<>()).add(registered);
        }
        // Initials (JP, JC) are how people sign notes, not how they fill in a form.
        List<String> others =
            names.subList(1, names.size()).stream().filter(n -> n.length() > 2).toList();
        if (!others.isEmpty()) {
          forms
              .computeIfAbsent(NameKeys.compact(NameKeys.key(registered)), k -> new ArrayList<>())
              .addAll(others);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names with weights, drawn in proportion. */
  static final class Weighted {
    final List<String> names = new ArrayList<>();
    private final List<Integer> cumulative = new ArrayList<>();
    private int total;

    static Weighted parse(String list) {
      Weighted w = new Weighted();
      Map<String, Integer> entries = new LinkedHashMap<>();
      for (String entry : list.split(",")) {
        String e = entry.strip();
        int space = e.lastIndexOf(' ');
        entries.merge(
            e.substring(0, space).strip(), Integer.parseInt(e.substring(space + 1)), Integer::sum);
      }
      entries.forEach(
          (name, weight) -> {
            w.total += weight;
            w.names.add(name);
            w.cumulative.add(w.total);
          });
      return w;
    }

    String pick(Random random) {
      int roll = random.nextInt(total);
      int low = 0;
      int high = cumulative.size() - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cumulative.get(mid) > roll) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return names.get(low);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d names", names.size());
    }
  }
}
