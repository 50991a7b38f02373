"""Synthetic display names: diverse, plausible, and not anyone in particular.

A name is a given name and a family name drawn at random from the same naming tradition
(most of the time) or from two (the rest, as in any real class). The pools hold common names
from many regions of the world; the pairing is random, so a name describes no real person
and no real student's record. Pronouns go with the given name's usual use, and a few
students use they/them.
"""

from __future__ import annotations

import numpy as np

#: tradition -> (given names usually used by women, by men, family names)
POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "west_african": (
        ("Amara", "Chiamaka", "Adaeze", "Folake", "Yewande", "Abena", "Efua", "Nkechi"),
        ("Kwame", "Chinedu", "Oluwaseun", "Kofi", "Emeka", "Tunde", "Yaw", "Obinna"),
        ("Okafor", "Adeyemi", "Mensah", "Nwosu", "Boateng", "Okonkwo", "Asante", "Balogun"),
    ),
    "east_african": (
        ("Wanjiru", "Amani", "Nia", "Zawadi", "Makena", "Selam", "Hana", "Achieng"),
        ("Baraka", "Jabari", "Tesfaye", "Omondi", "Kamau", "Dawit", "Juma", "Otieno"),
        ("Mwangi", "Kiprono", "Wekesa", "Haile", "Tadesse", "Njoroge", "Odhiambo", "Abebe"),
    ),
    "chinese": (
        ("Mei", "Xiu", "Lan", "Jing", "Yan", "Hui", "Ling", "Qian"),
        ("Wei", "Jun", "Hao", "Ming", "Lei", "Tao", "Bo", "Chen"),
        ("Wang", "Li", "Zhang", "Liu", "Huang", "Zhou", "Xu", "Lin"),
    ),
    "korean_japanese": (
        ("Ji-woo", "Seo-yeon", "Min-ji", "Yuna", "Haruka", "Aiko", "Sakura", "Emi"),
        ("Min-jun", "Ji-ho", "Hyun-woo", "Seo-jun", "Haruto", "Kenji", "Sota", "Daiki"),
        ("Kim", "Park", "Choi", "Jung", "Tanaka", "Sato", "Watanabe", "Yamamoto"),
    ),
    "southeast_asian": (
        ("Linh", "Mai", "Thao", "Maria Clara", "Ligaya", "Siti", "Nurul", "Ploy"),
        ("Minh", "Duc", "Tuan", "Paolo", "Rizal", "Arif", "Budi", "Anan"),
        ("Nguyen", "Tran", "Pham", "Santos", "Reyes", "Bautista", "Wijaya", "Suksawat"),
    ),
    "south_asian": (
        ("Priya", "Ananya", "Kavya", "Aisha", "Nadia", "Lakshmi", "Farhana", "Ishita"),
        ("Arjun", "Rohan", "Vikram", "Imran", "Sanjay", "Aditya", "Farhan", "Rahul"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Chowdhury", "Banerjee", "Khan", "Nair"),
    ),
    "middle_eastern": (
        ("Layla", "Yasmin", "Noor", "Mariam", "Leila", "Dalia", "Shirin", "Rania"),
        ("Omar", "Karim", "Yusuf", "Tariq", "Sami", "Reza", "Hassan", "Amir"),
        ("Haddad", "Mansour", "Khalil", "Nasser", "Farah", "Rahimi", "Saleh", "Darwish"),
    ),
    "latin_american": (
        ("Sofía", "Valentina", "Camila", "Lucía", "Daniela", "Gabriela", "Ximena", "Paula"),
        ("Mateo", "Santiago", "Diego", "Alejandro", "Javier", "Andrés", "Tomás", "Rafael"),
        ("García", "Rodríguez", "Martínez", "Hernández", "López", "Gómez", "Castillo", "Rojas"),
    ),
    "southern_european": (
        ("Giulia", "Chiara", "Elena", "Beatriz", "Inês", "Eleni", "Marta", "Francesca"),
        ("Luca", "Marco", "João", "Nikos", "Pablo", "Matteo", "Tiago", "Stefano"),
        ("Rossi", "Bianchi", "Ferreira", "Costa", "Papadopoulos", "Moreno", "Ricci", "Silva"),
    ),
    "northern_european": (
        ("Emma", "Hannah", "Freya", "Ingrid", "Charlotte", "Saoirse", "Annika", "Claire"),
        ("Liam", "Lukas", "Oliver", "Henrik", "James", "Finn", "Jonas", "Callum"),
        ("Müller", "Jensen", "Murphy", "Anderson", "Schmidt", "Lindqvist", "Walsh", "Brown"),
    ),
    "eastern_european": (
        ("Anna", "Katarzyna", "Olena", "Irina", "Zofia", "Milena", "Daria", "Ana"),
        ("Dmitri", "Piotr", "Andriy", "Tomasz", "Mikhail", "Luka", "Marek", "Bogdan"),
        ("Kowalski", "Novak", "Petrenko", "Ivanova", "Horvat", "Wiśniewski", "Popescu", "Kovacs"),
    ),
    "african_american_caribbean": (
        ("Imani", "Aaliyah", "Jasmine", "Kiara", "Simone", "Danielle", "Tiana", "Brianna"),
        ("Malik", "Darnell", "Andre", "Marcus", "Jerome", "Isaiah", "Xavier", "Trevon"),
        ("Washington", "Jefferson", "Jackson", "Robinson", "Charles", "Baptiste", "Joseph",
         "Campbell"),
    ),
}

_TRADITIONS = tuple(POOLS)
_SAME_TRADITION = 0.8
_THEY = 0.04


def draw_names(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    """Return ``n`` distinct display names and their pronouns, reproducibly from ``rng``.

    Duplicates are resolved by adding a middle initial, so names stay unique in any cohort
    size while ids remain the key.
    """
    k = len(_TRADITIONS)
    given_trad = rng.integers(0, k, n)
    mixed = rng.random(n) >= _SAME_TRADITION
    family_trad = np.where(mixed, rng.integers(0, k, n), given_trad)
    woman = rng.random(n) < 0.5
    they = rng.random(n) < _THEY
    pick_given = rng.integers(0, 1 << 30, n)
    pick_family = rng.integers(0, 1 << 30, n)
    initials = rng.integers(0, 26, n)
    names: list[str] = []
    pronouns: list[str] = []
    seen: set[str] = set()
    for i in range(n):
        women, men, _ = POOLS[_TRADITIONS[given_trad[i]]]
        givens = women if woman[i] else men
        given = givens[pick_given[i] % len(givens)]
        family_pool = POOLS[_TRADITIONS[family_trad[i]]][2]
        family = family_pool[pick_family[i] % len(family_pool)]
        name = f"{given} {family}"
        step = 0
        while name in seen:
            letter = chr(ord("A") + (initials[i] + step) % 26)
            suffix = "" if step < 26 else f"{step // 26 + 1}"
            name = f"{given} {letter}.{suffix} {family}"
            step += 1
        seen.add(name)
        names.append(name)
        pronouns.append("they/them" if they[i] else ("she/her" if woman[i] else "he/him"))
    return names, pronouns
